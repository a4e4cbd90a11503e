//! `krarup run --watch` end to end: a test edits the source of a running program and checks that
//! the program's output changes, that the reload report appears on stderr, that a file that does
//! not compile leaves the old code running, that two saves in quick succession reload once, and
//! that a process stuck in old code is reported and then killed by the purge.

mod support;

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The program: ticks every 30 ms printing `?MODULE:vsn()` (a remote call, so it moves to new
/// code), with a helper process in a local receive loop (which stays in old code).
fn program(vsn: &str) -> String {
    format!(
        "-module(wprog).\n-export([main/0, tick/1, vsn/0]).\n\
         main() -> spawn(fun idle/0), tick(0).\n\
         tick(N) when N < 1000 -> io:format(\"tick ~p~n\", [?MODULE:vsn()]),\n\
         \x20   timer:sleep(30), ?MODULE:tick(N + 1);\n\
         tick(_) -> ok.\n\
         vsn() -> {vsn}.\n\
         idle() -> receive _ -> idle() end.\n"
    )
}

/// Collects a child's output stream in the background.
fn collect(stream: impl Read + Send + 'static) -> Arc<Mutex<String>> {
    let text = Arc::new(Mutex::new(String::new()));
    let sink = text.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            let mut t = sink.lock().unwrap();
            t.push_str(&line);
            t.push('\n');
        }
    });
    text
}

/// Waits up to 20 s for `text` to satisfy `ok`.
fn wait_for(
    what: &str,
    text: &Arc<Mutex<String>>,
    err: &Arc<Mutex<String>>,
    ok: impl Fn(&str) -> bool,
) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(20) {
        if ok(&text.lock().unwrap()) {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!(
        "timed out waiting for {what}\nstdout tail: {}\nstderr: {}",
        tail(&text.lock().unwrap()),
        err.lock().unwrap()
    );
}

fn tail(s: &str) -> String {
    s.lines().rev().take(5).collect::<Vec<_>>().join(" | ")
}

/// The lines printed after the first `n` bytes of `s`.
fn since(s: &str, n: usize) -> String {
    s.get(n..).unwrap_or("").to_string()
}

struct Killer(Child);
impl Drop for Killer {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn write(dir: &Path, text: &str) {
    std::fs::write(dir.join("wprog.erl"), text).expect("write the program");
}

#[test]
fn watch_mode_reloads_edited_files_into_the_running_program() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let d = dir.path();
    write(d, &program("v1"));
    let child = Command::new(support::krarup_bin())
        .args(["run", "--watch", "wprog.erl"])
        .current_dir(d)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start krarup");
    let mut child = Killer(child);
    let out = collect(child.0.stdout.take().unwrap());
    let err = collect(child.0.stderr.take().unwrap());
    wait_for("v1", &out, &err, |s| s.contains("tick v1"));

    // Two saves in quick succession (the first does not even compile): one reload.
    write(d, "-module(wprog).\nbroken(\n");
    std::thread::sleep(Duration::from_millis(20));
    write(d, &program("v2"));
    wait_for("v2", &out, &err, |s| s.contains("tick v2"));
    std::thread::sleep(Duration::from_millis(600));
    let e = err.lock().unwrap().clone();
    assert_eq!(
        e.matches("krarup: watch: reloaded wprog from wprog.erl")
            .count(),
        1,
        "{e}"
    );
    assert!(!e.contains("does not compile"), "{e}");
    // The idle process stays in the old code: the report says so.
    assert!(
        e.contains("wprog: still in old code <") && e.contains("in wprog:idle/0"),
        "{e}"
    );

    // A file that does not compile: diagnostics, and the old code keeps running.
    let err_mark = err.lock().unwrap().len();
    write(d, &program("v3 +"));
    wait_for("the compile error", &err, &err, |s| {
        s.contains("does not compile")
    });
    let e = since(&err.lock().unwrap(), err_mark);
    assert!(e.contains("wprog.erl:7"), "{e}");
    assert!(e.contains("the running code is unchanged"), "{e}");
    let out_mark = out.lock().unwrap().len();
    wait_for("more v2 ticks", &out, &err, |s| {
        since(s, out_mark).matches("tick v2").count() >= 3
    });
    assert!(!since(&out.lock().unwrap(), out_mark).contains("v3"));

    // Fixed: reloaded; the idle process, still in the oldest code, is named and killed.
    let err_mark = err.lock().unwrap().len();
    write(d, &program("v4"));
    wait_for("v4", &out, &err, |s| s.contains("tick v4"));
    wait_for("the report", &err, &err, |s| {
        since(s, err_mark).contains("reloaded wprog")
    });
    let e = since(&err.lock().unwrap(), err_mark);
    assert!(
        e.contains("process(es) still run the old code of wprog; purging it kills them"),
        "{e}"
    );
    assert!(
        e.contains("wprog: killed <") && e.contains("in wprog:idle/0"),
        "{e}"
    );
    assert!(!e.contains("panicked"), "{e}");
}
