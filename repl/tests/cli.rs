//! The `krarup` command line as a new user meets it: exit statuses, what goes to stdout and what to
//! stderr, missing and odd arguments, module-name clashes, output errors, and sources deep enough
//! to overflow a small compiler stack. Diagnostics of individual compile errors are snapshot-tested
//! in `compile_errors.rs`; program output against `erl` in `lang_tests.rs`.

mod support;

use std::path::Path;
use std::process::Command;
use std::time::Duration;
use support::{krarup_bin, run_with_timeout, RunResult};

const LIMIT: Duration = Duration::from_secs(60);

/// Runs krarup with `args` in `dir`.
fn krarup_in(dir: &Path, args: &[&str]) -> RunResult {
    let mut cmd = Command::new(krarup_bin());
    cmd.current_dir(dir).args(args).env("NO_COLOR", "1");
    run_with_timeout(cmd, LIMIT).expect("krarup starts")
}

/// Writes `name` in `dir` with `text`.
fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).expect("write source");
}

fn out(r: &RunResult) -> String {
    String::from_utf8_lossy(&r.stdout).into_owned()
}

fn err(r: &RunResult) -> String {
    String::from_utf8_lossy(&r.stderr).into_owned()
}

/// No panic, no signal, no time-out.
fn assert_ended(what: &str, r: &RunResult) {
    assert!(!r.timed_out, "{what}: did not finish");
    assert!(
        r.status.is_some(),
        "{what}: killed by a signal:\n{}",
        err(r)
    );
    assert!(
        !err(r).contains("panicked"),
        "{what}: panicked:\n{}",
        err(r)
    );
}

#[test]
fn unicode_output_is_utf8_on_stdout() {
    let dir = tempfile::tempdir().expect("temporary directory");
    write(
        dir.path(),
        "cli_unicode.erl",
        "-module(cli_unicode).\n-export([main/0]).\nmain() ->\n\
         \x20   io:format(\"~ts|~s|~p~n\", [\"héllo ✓ 日本\", \"héllo\", \"héllo\"]),\n\
         \x20   io:format(\"~ts|~s~n\", [<<\"bin ✓\"/utf8>>, <<\"bin ✓\"/utf8>>]),\n\
         \x20   io:format(\"~tp|~p~n\", ['atöm', [10003]]),\n\
         \x20   io:put_chars(\"put ✓\\n\").\n",
    );
    let r = krarup_in(dir.path(), &["run", "cli_unicode.erl"]);
    assert_ended("unicode", &r);
    assert_eq!(r.status, Some(0), "{}", err(&r));
    // What `erl -noshell -eval 'io:setopts(standard_io, [{encoding, unicode}]),
    // cli_unicode:main(), erlang:halt().'` printed (OTP 25): `~s` of UTF-8 bytes shows each byte
    // as a latin-1 character.
    let expected = "héllo ✓ 日本|héllo|\"héllo\"\nbin ✓|bin â\u{9c}\u{93}\natöm|[10003]\nput ✓\n";
    assert_eq!(out(&r), expected);
    assert_eq!(err(&r), "");
}

#[test]
fn exit_statuses_and_where_reports_go() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let d = dir.path();
    write(
        d,
        "cli_ok.erl",
        "-module(cli_ok).\n-export([main/0]).\nmain() -> X = 1, io:format(\"ok~n\").\n",
    );
    write(
        d,
        "cli_crash.erl",
        "-module(cli_crash).\n-export([main/0]).\n\
         main() -> io:format(\"before~n\"), erlang:error({boom, [1,2]}).\n",
    );
    write(
        d,
        "cli_spawn_crash.erl",
        "-module(cli_spawn_crash).\n-export([main/0]).\n\
         main() -> spawn(fun() -> 1 = length([a,b]) end), timer:sleep(50), io:format(\"main~n\").\n",
    );
    write(
        d,
        "cli_nomain.erl",
        "-module(cli_nomain).\n-export([start/0]).\nstart() -> ok.\n",
    );
    write(
        d,
        "cli_error.erl",
        "-module(cli_error).\n-export([main/0]).\nmain() -> Y + 1.\n",
    );
    write(
        d,
        "cli_syntax.erl",
        "-module(cli_syntax).\n-export([main/0]).\nmain() -> (1 + .\n",
    );

    // Warnings go to stderr; the program's output alone to stdout.
    let r = krarup_in(d, &["run", "cli_ok.erl"]);
    assert_ended("ok", &r);
    assert_eq!((r.status, out(&r).as_str()), (Some(0), "ok\n"));
    assert!(err(&r).contains("variable 'X' is unused"), "{}", err(&r));

    // An uncaught error: status 1, output so far on stdout, the report on stderr.
    let r = krarup_in(d, &["run", "cli_crash.erl"]);
    assert_ended("crash", &r);
    assert_eq!((r.status, out(&r).as_str()), (Some(1), "before\n"));
    assert!(
        err(&r).contains("** exception error: {boom,[1,2]}"),
        "{}",
        err(&r)
    );
    assert!(err(&r).contains("cli_crash:main/0"), "{}", err(&r));

    // Another process's crash report goes to stderr and does not change the status.
    let r = krarup_in(d, &["run", "cli_spawn_crash.erl"]);
    assert_ended("spawn crash", &r);
    assert_eq!((r.status, out(&r).as_str()), (Some(0), "main\n"));
    assert!(err(&r).contains("{badmatch,2}"), "{}", err(&r));

    // No main/0.
    let r = krarup_in(d, &["run", "cli_nomain.erl"]);
    assert_ended("no main", &r);
    assert_eq!((r.status, out(&r).as_str()), (Some(1), ""));
    assert!(
        err(&r).contains("undefined function cli_nomain:main/0"),
        "{}",
        err(&r)
    );

    // A compile error: every diagnostic with file:line:col, nothing on stdout.
    let r = krarup_in(d, &["run", "cli_error.erl", "cli_ok.erl"]);
    assert_ended("compile error", &r);
    assert_eq!((r.status, out(&r).as_str()), (Some(1), ""));
    assert!(
        err(&r).contains("Error: variable 'Y' is unbound\n   ╭─[ cli_error.erl:3:11 ]"),
        "{}",
        err(&r)
    );

    // compile --dump: the pass's output on stdout, diagnostics on stderr.
    for stage in ["ast", "core", "decision", "bytecode"] {
        let r = krarup_in(d, &["compile", &format!("--dump={stage}"), "cli_ok.erl"]);
        assert_ended(stage, &r);
        assert_eq!(r.status, Some(0), "{stage}: {}", err(&r));
        assert!(!out(&r).trim().is_empty(), "{stage}: empty dump");
        let r = krarup_in(
            d,
            &["compile", &format!("--dump={stage}"), "cli_syntax.erl"],
        );
        assert_ended(stage, &r);
        assert_eq!((r.status, out(&r).as_str()), (Some(1), ""), "{stage}");
        assert!(err(&r).contains("╭─[ cli_syntax.erl:3:16 ]"), "{}", err(&r));
    }
}

#[test]
fn program_ends_when_main_returns() {
    let dir = tempfile::tempdir().expect("temporary directory");
    write(
        dir.path(),
        "cli_alive.erl",
        "-module(cli_alive).\n-export([main/0]).\n\
         main() ->\n    spawn(fun Loop() -> Loop() end),\n\
         \x20   spawn(fun() -> receive after infinity -> ok end end),\n\
         \x20   io:format(\"done~n\").\n",
    );
    let r = krarup_in(dir.path(), &["run", "cli_alive.erl"]);
    assert_ended("alive", &r);
    assert_eq!((r.status, out(&r).as_str()), (Some(0), "done\n"));
    assert!(r.elapsed < Duration::from_secs(10), "took {:?}", r.elapsed);
}

#[test]
fn bad_paths_and_arguments_are_reported() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let d = dir.path();
    write(
        d,
        "cli_hi.erl",
        "-module(cli_hi).\n-export([main/0]).\nmain() -> io:format(\"hi~n\").\n",
    );
    std::fs::create_dir(d.join("adir")).expect("mkdir");

    let r = krarup_in(d, &["run", "missing.erl"]);
    assert_ended("missing", &r);
    assert_eq!(r.status, Some(1));
    assert!(err(&r).contains("cannot read missing.erl"), "{}", err(&r));

    // Without the extension: a hint.
    let r = krarup_in(d, &["run", "cli_hi"]);
    assert_ended("no extension", &r);
    assert_eq!(r.status, Some(1));
    assert!(err(&r).contains("did you mean cli_hi.erl?"), "{}", err(&r));

    let r = krarup_in(d, &["run", "adir"]);
    assert_ended("directory", &r);
    assert_eq!(r.status, Some(1));
    assert!(err(&r).contains("cannot read adir"), "{}", err(&r));

    // Scheduler counts as `erl +S` takes them: 1..=1024.
    let r = krarup_in(d, &["run", "-S", "1", "cli_hi.erl"]);
    assert_eq!((r.status, out(&r).as_str()), (Some(0), "hi\n"));
    for bad in ["0", "1025", "99999999", "x"] {
        let r = krarup_in(d, &["run", "-S", bad, "cli_hi.erl"]);
        assert_ended(bad, &r);
        assert_eq!((r.status, out(&r).as_str()), (Some(2), ""), "-S {bad}");
        assert!(err(&r).contains("--schedulers"), "{}", err(&r));
    }

    // compile -o naming a file, not a directory.
    let r = krarup_in(d, &["compile", "cli_hi.erl", "-o", "cli_hi.erl"]);
    assert_ended("-o file", &r);
    assert_eq!(r.status, Some(1));
    assert!(
        err(&r).contains("cannot create the output directory cli_hi.erl"),
        "{}",
        err(&r)
    );
    let r = krarup_in(d, &["compile", "cli_hi.erl", "-o", "out/nested"]);
    assert_eq!(r.status, Some(0), "{}", err(&r));
    let r = krarup_in(d, &["run", "out/nested/cli_hi.kbc"]);
    assert_eq!((r.status, out(&r).as_str()), (Some(0), "hi\n"));
}

#[test]
fn module_names_of_the_runtime_and_duplicates_are_refused() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let d = dir.path();
    for name in ["lists", "erlang", "io"] {
        write(
            d,
            &format!("{name}.erl"),
            &format!("-module({name}).\n-export([main/0]).\nmain() -> ok.\n"),
        );
        let r = krarup_in(d, &["run", &format!("{name}.erl")]);
        assert_ended(name, &r);
        assert_eq!((r.status, out(&r).as_str()), (Some(1), ""), "{name}");
        assert!(
            err(&r).contains(&format!("module '{name}' would replace")),
            "{name}: {}",
            err(&r)
        );
    }
    write(
        d,
        "cli_twice.erl",
        "-module(cli_twice).\n-export([main/0]).\nmain() -> ok.\n",
    );
    let r = krarup_in(d, &["run", "cli_twice.erl", "cli_twice.erl"]);
    assert_ended("twice", &r);
    assert_eq!(r.status, Some(1));
    assert!(
        err(&r).contains("module 'cli_twice' is given twice"),
        "{}",
        err(&r)
    );
}

/// A write error on stdout (a full disk) is reported and fails the run; a closed pipe is not.
#[test]
fn stdout_write_errors_are_reported() {
    let dir = tempfile::tempdir().expect("temporary directory");
    write(
        dir.path(),
        "cli_lines.erl",
        "-module(cli_lines).\n-export([main/0]).\n\
         main() -> [io:format(\"line ~p~n\", [I]) || I <- lists:seq(1, 50000)], ok.\n",
    );
    if Path::new("/dev/full").exists() {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("open /dev/full");
        let mut cmd = Command::new(krarup_bin());
        cmd.current_dir(dir.path())
            .args(["run", "cli_lines.erl"])
            .stdout(full);
        let output = cmd.output().expect("krarup starts");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        assert!(
            stderr.contains("error writing to standard output"),
            "{stderr}"
        );
    }
    // A reader that stops early: krarup ends quietly with the program's status.
    let mut child = Command::new(krarup_bin())
        .current_dir(dir.path())
        .args(["run", "cli_lines.erl"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("krarup starts");
    let mut first = [0u8; 16];
    std::io::Read::read_exact(child.stdout.as_mut().expect("piped"), &mut first)
        .expect("some output");
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("krarup ends");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// Right-associative chains nest as deep as they are long in the compiler's tree walks; they
/// used to overflow the main thread's stack (an abort) at 10,000 links, and a chain of more than
/// 1,024 `andalso` gave a frame the loader refused.
#[test]
fn long_operator_chains_compile_and_run() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let d = dir.path();
    let n = 10_000;
    let chains = [
        ("cli_andalso", vec!["true"; n].join(" andalso ")),
        (
            "cli_matches",
            (0..n)
                .map(|i| format!("X{i}"))
                .collect::<Vec<_>>()
                .join(" = ")
                + " = true",
        ),
        ("cli_sends", "self() ! ".repeat(n) + "true"),
    ];
    for (name, chain) in chains {
        // Each variable is used afterwards so that no warning reprints the long line.
        let uses = if name == "cli_matches" {
            format!(
                ", {{{}}}",
                (0..n)
                    .map(|i| format!("X{i}"))
                    .collect::<Vec<_>>()
                    .join(",")
            )
        } else {
            String::new()
        };
        write(
            d,
            &format!("{name}.erl"),
            &format!(
                "-module({name}).\n-export([main/0]).\n\
                 main() -> R = ({chain}){uses}, io:format(\"~p~n\", [R]).\n"
            ),
        );
        let r = krarup_in(d, &["run", &format!("{name}.erl")]);
        assert_ended(name, &r);
        assert_eq!(
            (r.status, out(&r).as_str()),
            (Some(0), "true\n"),
            "{name}: {}",
            err(&r).chars().take(2000).collect::<String>()
        );
    }
}
