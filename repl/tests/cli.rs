//! The `krarup` command line as a new user meets it: exit statuses, what goes to stdout and what to
//! stderr, missing and odd arguments, module-name clashes, output errors, and sources deep enough
//! to overflow a small compiler stack. Diagnostics of individual compile errors are snapshot-tested
//! in `compile_errors.rs`; program output against `erl` in `lang_tests.rs`.

mod support;

use std::path::Path;
use std::process::Command;
use std::time::Duration;
use support::{err, krarup_bin, krarup_in, out, write, RunResult};

const LIMIT: Duration = Duration::from_secs(60);

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

    // No main/0: erl's report, and what to change.
    let r = krarup_in(d, &["run", "cli_nomain.erl"]);
    assert_ended("no main", &r);
    assert_eq!((r.status, out(&r).as_str()), (Some(1), ""));
    assert!(
        err(&r).contains(
            "** exception error: undefined function cli_nomain:main/0\n    help: `krarup run` \
             calls main/0 of the first file's module (cli_nomain.erl): add `main() -> ...`"
        ),
        "{}",
        err(&r)
    );
    // main/0 defined but not exported; main/2 exported instead (main/1 would run).
    write(
        d,
        "cli_hidden.erl",
        "-module(cli_hidden).\n-export([start/0]).\nstart() -> main().\nmain() -> ok.\n",
    );
    let r = krarup_in(d, &["run", "cli_hidden.erl"]);
    assert_eq!(r.status, Some(1));
    assert!(
        err(&r).contains("help: cli_hidden defines main/0 but does not export it"),
        "{}",
        err(&r)
    );
    write(
        d,
        "cli_main2.erl",
        "-module(cli_main2).\n-export([main/2]).\nmain(_, _) -> ok.\n",
    );
    let r = krarup_in(d, &["run", "cli_main2.erl"]);
    assert_eq!(r.status, Some(1));
    assert!(
        err(&r).contains(
            "help: cli_main2 exports main/2 but `krarup run` calls main/1 (with the program's \
             arguments) or main/0"
        ),
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

/// The report of an uncaught exception in `main/0` prints terms as `erl`'s shell does (`~tp` on
/// one line: strings and binaries as text), as the crash reports of other processes do; it used to
/// print `<<97,32,...>>` and `[97,32,...]`.
#[test]
fn main_crash_report_prints_strings_and_binaries_as_text() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let d = dir.path();
    write(
        d,
        "cli_texts.erl",
        "-module(cli_texts).\n-export([main/0]).\n\
         main() -> spawn(fun() -> error({other, <<\"a binary\">>, \"a string\"}) end),\n\
         \x20   receive after 100 -> ok end,\n\
         \x20   {ok, _} = id({error, <<\"a binary\">>, \"a string\", <<1, 200>>, 1.5}).\n\
         id(X) -> X.\n",
    );
    let r = krarup_in(d, &["run", "cli_texts.erl"]);
    assert_ended("texts", &r);
    assert_eq!(r.status, Some(1), "{}", err(&r));
    assert!(
        err(&r).contains(
            "** exception error: no match of right hand side value \
             {error,<<\"a binary\">>,\"a string\",<<1,200>>,1.5}\n"
        ),
        "{}",
        err(&r)
    );
    assert!(
        err(&r).contains("{other,<<\"a binary\">>,\"a string\"}"),
        "{}",
        err(&r)
    );
    write(
        d,
        "cli_args.erl",
        "-module(cli_args).\n-export([main/0]).\n\
         main() -> atom_to_list(id(\"a str\")).\nid(X) -> X.\n",
    );
    let r = krarup_in(d, &["run", "cli_args.erl"]);
    assert_ended("args", &r);
    assert!(
        err(&r).contains("called as atom_to_list(\"a str\")\n"),
        "{}",
        err(&r)
    );
}

/// Source encodings as `epp` reads them: a `coding: latin-1` comment on line 1 or 2 makes the file
/// Latin-1 (it used to be refused); otherwise a byte that is not UTF-8 is an error at its
/// `file:line:column` (it used to be a byte offset). `erl` printed `[99,97,102,233]` here.
#[test]
fn latin1_sources_compile_and_bad_utf8_is_located() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let d = dir.path();
    let body = b"-module(cli_latin1).\n-export([main/0]).\n-include(\"cli_latin1.hrl\").\n\
                 main() -> io:format(\"~w ~w~n\", [\"caf\xe9\", ?WORD]).\n";
    let mut latin1 = b"%% -*- coding: latin-1 -*-\n".to_vec();
    latin1.extend_from_slice(body);
    std::fs::write(d.join("cli_latin1.erl"), &latin1).expect("write source");
    std::fs::write(
        d.join("cli_latin1.hrl"),
        b"%% coding: latin-1\n-define(WORD, \"\xe9t\xe9\").\n",
    )
    .expect("write header");
    let r = krarup_in(d, &["run", "cli_latin1.erl"]);
    assert_ended("latin-1", &r);
    assert_eq!(
        (r.status, out(&r).as_str()),
        (Some(0), "[99,97,102,233] [233,116,233]\n"),
        "{}",
        err(&r)
    );

    // Without the comment: the byte 0xE9 on line 4 after `main() -> io:format("~w ~w~n", ["caf`.
    std::fs::write(d.join("cli_latin1.erl"), &body[..]).expect("write source");
    let r = krarup_in(d, &["run", "cli_latin1.erl"]);
    assert_ended("bad utf-8", &r);
    assert_eq!((r.status, out(&r).as_str()), (Some(1), ""));
    assert!(
        err(&r).contains("cli_latin1.erl:4:37: error: cannot translate from UTF-8"),
        "{}",
        err(&r)
    );
    // The same for an include file, at its own line and column.
    std::fs::write(d.join("cli_latin1.erl"), &latin1).expect("write source");
    std::fs::write(d.join("cli_latin1.hrl"), b"-define(WORD, \"\xe9t\xe9\").\n")
        .expect("write header");
    let r = krarup_in(d, &["run", "cli_latin1.erl"]);
    assert_eq!(r.status, Some(1), "{}", err(&r));
    assert!(
        err(&r).contains("cli_latin1.hrl:1:16: error: cannot translate from UTF-8"),
        "{}",
        err(&r)
    );
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

    // compile -o naming a file, not a directory (it used to say "cannot create the output
    // directory cli_hi.erl: File exists"), or a path through a file.
    let r = krarup_in(d, &["compile", "cli_hi.erl", "-o", "cli_hi.erl"]);
    assert_ended("-o file", &r);
    assert_eq!(r.status, Some(1));
    assert!(
        err(&r).starts_with(
            "krarup: -o cli_hi.erl: cli_hi.erl is a file; -o names the directory for the .kbc files"
        ),
        "{}",
        err(&r)
    );
    let r = krarup_in(d, &["compile", "cli_hi.erl", "-o", "cli_hi.erl/sub"]);
    assert_eq!(r.status, Some(1));
    assert!(
        err(&r).contains("cli_hi.erl is a file, not a directory"),
        "{}",
        err(&r)
    );
    let r = krarup_in(d, &["compile", "cli_hi.erl", "-o", "out/nested"]);
    assert_eq!(r.status, Some(0), "{}", err(&r));
    let r = krarup_in(d, &["run", "out/nested/cli_hi.kbc"]);
    assert_eq!((r.status, out(&r).as_str()), (Some(0), "hi\n"));
}

/// The help texts describe every command and argument and promise nothing unbuilt (they used to
/// say "(later) the shell" and leave `compile` and its files undescribed).
#[test]
fn help_texts_are_complete() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let d = dir.path();
    let top = krarup_in(d, &["--help"]);
    assert_eq!(top.status, Some(0));
    let text = out(&top);
    assert!(!text.contains("later"), "{text}");
    assert!(
        text.contains("calls main/0 of the first file's module"),
        "{text}"
    );
    assert!(
        text.contains("Exit status: 0 when main/0 returns"),
        "{text}"
    );
    let compile = out(&krarup_in(d, &["compile", "--help"]));
    assert!(
        compile.contains("Each source file gives OUT/NAME.kbc"),
        "{compile}"
    );
    assert!(compile.contains("Erlang source files (.erl)"), "{compile}");
    assert!(compile.contains("decision: The decision tree"), "{compile}");
    let run = out(&krarup_in(d, &["run", "--help"]));
    assert!(
        run.contains("the first file's module must export main/0"),
        "{run}"
    );
    for command in ["run", "compile"] {
        // In the short help every argument and option has its description on its line.
        let short = out(&krarup_in(d, &[command, "-h"]));
        for line in short.lines().map(str::trim) {
            let undescribed = (line.starts_with('<') || line.starts_with('-'))
                && !line.contains("  ")
                && !line.starts_with("-h");
            assert!(
                !undescribed,
                "{command}: {line:?} has no description:\n{short}"
            );
        }
    }
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

/// A write error on stdout (a full disk) is reported and fails the run (the program's `io` calls
/// raise `terminated`, as under `erl`).
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
        assert!(stderr.contains("terminated"), "{stderr}");
    }
}

/// `krarup run prog.erl | head -1` on a program that prints forever: once the reader has gone,
/// the next write fails, `io:format` raises `terminated` in `main/0` and krarup ends with status 1,
/// as `erl` does. It used to print into the closed pipe forever.
#[test]
fn closed_stdout_pipe_ends_the_program() {
    let dir = tempfile::tempdir().expect("temporary directory");
    write(
        dir.path(),
        "cli_forever.erl",
        "-module(cli_forever).\n-export([main/0]).\n\
         main() -> loop(0).\n\
         loop(N) -> io:format(\"line ~p~n\", [N]), loop(N + 1).\n",
    );
    let mut child = Command::new(krarup_bin())
        .current_dir(dir.path())
        .args(["run", "cli_forever.erl"])
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("krarup starts");
    let mut err_pipe = child.stderr.take().expect("piped");
    let stderr = std::thread::spawn(move || {
        let mut buf = String::new();
        let _ = std::io::Read::read_to_string(&mut err_pipe, &mut buf);
        buf
    });
    let mut first = [0u8; 7];
    std::io::Read::read_exact(child.stdout.as_mut().expect("piped"), &mut first)
        .expect("some output");
    assert_eq!(&first, b"line 0\n");
    drop(child.stdout.take());
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for krarup") {
            break status;
        }
        if start.elapsed() > LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("krarup kept running after its stdout was closed");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let stderr = stderr.join().unwrap_or_default();
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("terminated"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    // A closed pipe is the reader's choice, not worth a message of its own.
    assert!(!stderr.contains("error writing"), "{stderr}");
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

/// Long builtins (`binary:copy`, `list_to_binary`, `term_to_binary`, ...) do their work in
/// chunks and trap between them: on one scheduler, a process ping-ponging with another keeps
/// making rounds while a third is inside one call (the program counts the rounds between the
/// messages sent right before and right after the call; a call that never yields leaves none).
#[test]
fn long_builtins_let_other_processes_run() {
    let dir = tempfile::tempdir().expect("temporary directory");
    write(
        dir.path(),
        "long_builtins.erl",
        include_str!("long_builtins.erl"),
    );
    let r = krarup_in(dir.path(), &["run", "-S", "1", "long_builtins.erl"]);
    assert_ended("long builtins", &r);
    assert_eq!(r.status, Some(0), "{}", err(&r));
    let text = out(&r);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 9, "{text}");
    for line in lines {
        assert!(
            line.ends_with("other processes ran meanwhile: true"),
            "{line}"
        );
    }
}

/// Sources a million levels deep (no brackets: prefix operators, `catch`, match chains, list
/// patterns) end in a diagnostic naming the place, never a stack overflow of the compiler thread.
#[test]
fn million_level_sources_are_refused_cleanly() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let d = dir.path();
    let n = 1_000_000;
    let items: Vec<String> = (0..n).map(|i| (i % 10).to_string()).collect();
    let bodies = [
        ("deep_neg", format!("{}1", "- ".repeat(n))),
        ("deep_catch", format!("{}1", "catch ".repeat(n))),
        ("deep_list_pattern", format!("[{}] = [1]", items.join(","))),
    ];
    for (name, body) in bodies {
        write(
            d,
            &format!("{name}.erl"),
            &format!("-module({name}).\n-export([main/0]).\nmain() -> {body}.\n"),
        );
        let r = krarup_in(
            d,
            &["run", "--error-format", "short", &format!("{name}.erl")],
        );
        assert_ended(name, &r);
        assert_eq!(r.status, Some(1), "{name}");
        let first = err(&r).lines().next().unwrap_or_default().to_string();
        assert!(
            first.starts_with(&format!("{name}.erl:3:"))
                && first.ends_with(": expression nested too deeply (more than 50000 levels)"),
            "{name}: {}",
            err(&r).chars().take(400).collect::<String>()
        );
    }
}
