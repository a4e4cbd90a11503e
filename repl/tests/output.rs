//! Program output reaches standard output as each io request completes, as under `erl`: a program
//! that prints and then waits has shown everything while it waits, so a reader on a pipe (or a
//! person at a terminal) sees it, and a kill loses nothing.

mod support;

use std::io::Read;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use support::krarup_bin;

/// Runs `source` (module `name`) with stdout on a pipe and returns what arrives on it before the
/// program has ended: everything up to `expected.len()` bytes or `limit`, whichever comes first.
/// The program is then killed.
fn output_while_running(name: &str, source: &str, expected: usize, limit: Duration) -> Vec<u8> {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(format!("{name}.erl"));
    std::fs::write(&path, source).expect("write source");
    let mut child = Command::new(krarup_bin())
        .arg("run")
        .arg(&path)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start krarup");
    let mut stdout = child.stdout.take().expect("piped stdout");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = stdout.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut got = Vec::new();
    let end = Instant::now() + limit;
    while got.len() < expected {
        let left = end.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(chunk) => got.extend_from_slice(&chunk),
            Err(_) => break,
        }
    }
    let still_running = child.try_wait().expect("poll krarup").is_none();
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        still_running,
        "the program ended before its output was read"
    );
    got
}

#[test]
fn output_is_written_before_the_program_waits() {
    // More than any buffer would hold (about 28 KB), and a last line without its newline.
    let source = "-module(chatty).\n-export([main/0]).\n\
        main() ->\n\
            [io:format(\"line ~p~n\", [N]) || N <- lists:seq(1, 3000)],\n\
            io:put_chars(\"waiting\"),\n\
            timer:sleep(60000).\n";
    let mut expected = String::new();
    for n in 1..=3000 {
        expected.push_str(&format!("line {n}\n"));
    }
    expected.push_str("waiting");
    let got = output_while_running("chatty", source, expected.len(), Duration::from_secs(20));
    assert_eq!(String::from_utf8_lossy(&got), expected);
}

#[test]
fn one_short_line_is_not_held_back() {
    let source = "-module(prompt).\n-export([main/0]).\n\
        main() -> io:format(\"ready> \"), receive after 60000 -> ok end.\n";
    let got = output_while_running("prompt", source, 7, Duration::from_secs(20));
    assert_eq!(String::from_utf8_lossy(&got), "ready> ");
}
