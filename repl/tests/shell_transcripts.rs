//! The shell against `erl`: every `lang-tests/shell/NAME.in` is fed to `krarup shell` on stdin
//! in an empty directory, and stdout must equal `NAME.out` (what `erl < NAME.in` printed, from
//! lang-tests/shell/regen.sh). The exit status must be 1 exactly when erl's transcript shows an
//! error after a prompt (`N> *...`), 0 otherwise (erl itself exits 0; spec.md says why krarup
//! differs). Also the shell's entry points and exit statuses, the did-you-mean hint, and, through
//! the library's `Frontend` interface, interrupting an evaluation and waiting for input longer
//! than the deadlock detector's grace period.

mod support;

use krarup::shell::frontend::{Frontend, Interrupt, Prompt, Read, ShellState, Shown};
use std::io::{Read as _, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use support::{krarup_bin, lang_tests_dir, unified_diff};

const LIMIT: Duration = Duration::from_secs(60);

/// Runs `krarup ARGS` in `dir` with `input` on stdin: (stdout, stderr, exit status).
fn shell_in(dir: &Path, args: &[&str], input: &str) -> (String, String, i32) {
    let mut child = Command::new(krarup_bin())
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("krarup starts");
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let input = input.to_string();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let mut out_pipe = child.stdout.take().expect("stdout is piped");
    let mut err_pipe = child.stderr.take().expect("stderr is piped");
    let out = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = out_pipe.read_to_string(&mut s);
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err_pipe.read_to_string(&mut s);
        s
    });
    let start = Instant::now();
    let status = loop {
        if let Some(st) = child.try_wait().expect("wait") {
            break st;
        }
        if start.elapsed() > LIMIT {
            let _ = child.kill();
            panic!("krarup {args:?} did not finish within {LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let _ = writer.join();
    let out = out.join().unwrap_or_default();
    let err = err.join().unwrap_or_default();
    assert!(!err.contains("panicked"), "krarup {args:?} panicked:\n{err}");
    (out, err, status.code().expect("exited, not killed"))
}

/// Whether erl's transcript shows an error or exception after a prompt.
fn shows_error(transcript: &str) -> bool {
    transcript.lines().any(|l| {
        l.split_once("> ")
            .is_some_and(|(n, rest)| n.parse::<u64>().is_ok() && rest.starts_with('*'))
    })
}

#[test]
fn transcripts_match_erl() {
    let dir = lang_tests_dir().join("shell");
    let mut inputs: Vec<_> = std::fs::read_dir(&dir)
        .expect("lang-tests/shell")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "in"))
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty(), "no transcripts in {}", dir.display());
    let mut failures = Vec::new();
    for input in &inputs {
        let name = input.file_stem().unwrap_or_default().to_string_lossy();
        let expected = std::fs::read_to_string(input.with_extension("out"))
            .unwrap_or_else(|e| panic!("{name}.out ({e}): run lang-tests/shell/regen.sh"));
        let text = std::fs::read_to_string(input).expect("read .in");
        let work = tempfile::tempdir().expect("temp dir");
        let (out, err, status) = shell_in(work.path(), &["shell"], &text);
        if out != expected {
            failures.push(format!(
                "=== {name}: stdout differs from erl's\n{}\nstderr:\n{err}",
                unified_diff(expected.as_bytes(), out.as_bytes(), 60)
            ));
        }
        let want = i32::from(shows_error(&expected));
        if status != want {
            failures.push(format!("=== {name}: exit status {status}, expected {want}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn halt_sets_the_exit_status_and_ends_the_session() {
    let work = tempfile::tempdir().expect("temp dir");
    let (out, _, status) = shell_in(work.path(), &["shell"], "X = 1.\nhalt(3).\nX + 1.\n");
    assert_eq!(status, 3);
    assert_eq!(out, "1> 1\n2> ");
    let (_, _, status) = shell_in(work.path(), &["shell"], "1/0.\nhalt().\n");
    assert_eq!(status, 0, "halt() is status 0 even after an exception");
}

#[test]
fn krarup_without_arguments_opens_the_shell() {
    let work = tempfile::tempdir().expect("temp dir");
    let (out, err, status) = shell_in(work.path(), &[], "1 + 1.\n");
    assert_eq!((out.as_str(), err.as_str(), status), ("1> 2\n2> \n", "", 0));
}

#[test]
fn shell_loads_the_files_it_is_given() {
    let work = tempfile::tempdir().expect("temp dir");
    let a = "-module(a).\n-export([f/0]).\nf() -> b:g() + 1.\n";
    let b = "-module(b).\n-export([g/0]).\ng() -> 41.\n";
    std::fs::write(work.path().join("a.erl"), a).expect("write");
    std::fs::write(work.path().join("b.erl"), b).expect("write");
    let (out, _, status) = shell_in(work.path(), &["shell", "a.erl", "b.erl"], "a:f().\n");
    assert_eq!((out.as_str(), status), ("1> 42\n2> \n", 0));
    // Every file's errors are reported, and no prompt appears.
    std::fs::write(work.path().join("b.erl"), "-module(b).\ng( -> 1.\n").expect("write");
    std::fs::write(work.path().join("c.erl"), "-module(c).\nh() -> X.\n").expect("write");
    let (out, err, status) = shell_in(work.path(), &["shell", "b.erl", "c.erl"], "1.\n");
    assert_eq!((out.as_str(), status), ("", 1));
    assert!(err.contains("b.erl") && err.contains("c.erl"), "{err}");
}

#[test]
fn run_with_shell_runs_main_then_keeps_the_system() {
    let work = tempfile::tempdir().expect("temp dir");
    let prog = "-module(prog).\n-export([main/0, loop/1]).\n\
                main() -> register(counter, spawn(?MODULE, loop, [0])), io:format(\"started~n\").\n\
                loop(N) -> receive {get, P} -> P ! N, loop(N); inc -> loop(N + 1) end.\n";
    std::fs::write(work.path().join("prog.erl"), prog).expect("write");
    let input = "counter ! inc, counter ! inc, counter ! {get, self()}, receive N -> N end.\n";
    let (out, _, status) = shell_in(work.path(), &["run", "--shell", "prog.erl"], input);
    assert_eq!((out.as_str(), status), ("started\n1> 2\n2> \n", 0));
}

#[test]
fn undefined_functions_get_a_hint() {
    let work = tempfile::tempdir().expect("temp dir");
    let (out, _, status) = shell_in(work.path(), &["shell"], "lists:sortt([]).\n");
    assert_eq!(status, 1);
    assert!(
        out.starts_with("1> ** exception error: undefined function lists:sortt/1\n"),
        "{out}"
    );
    assert!(out.contains("lists:sort/1"), "the hint names lists:sort/1:\n{out}");
}

/// A frontend fed from a list of inputs, recording what the shell shows. Before the input
/// `"SLEEP."` it waits past the deadlock detector's grace period; on an input starting with
/// `"receive"` it interrupts the evaluation after a moment.
struct Script {
    inputs: Vec<String>,
    shown: Arc<Mutex<Vec<String>>>,
    interrupt: Option<Interrupt>,
}

impl Frontend for Script {
    fn attach(&mut self, _state: Arc<dyn ShellState>, interrupt: Interrupt) {
        self.interrupt = Some(interrupt);
    }

    fn output(&mut self) -> Box<dyn Write + Send> {
        Box::new(std::io::sink())
    }

    fn read(&mut self, _prompt: &Prompt) -> Read {
        if self.inputs.is_empty() {
            return Read::Eof;
        }
        let text = self.inputs.remove(0);
        if text == "SLEEP." {
            std::thread::sleep(Duration::from_millis(600));
            return Read::Text("slept.\n".into());
        }
        if text.starts_with("receive") {
            let interrupt = self.interrupt.clone().expect("attached");
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_millis(300));
                interrupt.interrupt();
            });
        }
        Read::Text(text + "\n")
    }

    fn echo(&mut self, _form: &str) {}

    fn show(&mut self, kind: Shown, text: &str) {
        let mark = if kind == Shown::Error { "E " } else { "" };
        self.shown
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(format!("{mark}{text}"));
    }

    fn width(&self) -> usize {
        80
    }
}

#[test]
fn interrupting_keeps_the_bindings_and_waiting_for_input_is_no_deadlock() {
    let shown = Arc::new(Mutex::new(Vec::new()));
    let mut frontend = Script {
        inputs: [
            "X = 5.",
            "SLEEP.",
            "receive never -> ok end.",
            "X + 1.",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
        shown: shown.clone(),
        interrupt: None,
    };
    let options = krarup::shell::ShellOptions::default();
    let status = krarup::shell::run(&options, &mut frontend, &mut std::io::sink());
    let shown = shown.lock().unwrap_or_else(|e| e.into_inner()).clone();
    assert_eq!(
        shown,
        vec!["5", "slept", "E ** exception exit: killed", "6"],
        "status {status}"
    );
    assert_eq!(status, 1);
}
