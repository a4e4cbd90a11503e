//! Programs with arguments: `krarup run prog.erl -- ARGS` hands them to main/1 (escript's
//! convention) or leaves main/0 to read them with init:get_plain_arguments/0; `krarup prog.erl
//! ARGS` and a `#!/usr/bin/env krarup` file run as escript runs them (the script heads the plain
//! arguments, a failure exits with 127); halt/1 and init:stop/1 set the exit status.

mod support;

use std::process::Command;
use std::time::Duration;
use support::{err, krarup_bin, krarup_in, out, run_with_timeout, write, RunResult};

/// main/1 printing its argument, the plain arguments, and acting on the first argument.
const ARGV: &str = r#"-module(argv).
-export([main/1]).
main(Args) ->
    io:format("~p ~p~n", [Args, init:get_plain_arguments()]),
    case Args of
        ["crash" | _] -> {ok, _} = {error, Args};
        ["halt", N] -> erlang:halt(list_to_integer(N));
        ["stop", N] -> init:stop(list_to_integer(N)), receive after 5000 -> late end;
        ["exit"] -> exit(normal);
        _ -> ok
    end.
"#;

fn assert_clean(what: &str, r: &RunResult) {
    assert!(!r.timed_out, "{what}: timed out");
    assert!(!err(r).contains("panicked"), "{what}: {}", err(r));
}

#[test]
fn arguments_after_the_double_dash_reach_main_1_as_strings() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let d = dir.path();
    write(d, "argv.erl", ARGV);
    let r = krarup_in(
        d,
        &["run", "argv.erl", "--", "a", "b c", "--x", "-y", "--", "λx"],
    );
    assert_clean("args", &r);
    assert_eq!(r.status, Some(0), "{}", err(&r));
    let args = r#"["a","b c","--x","-y","--",[955,120]]"#;
    assert_eq!(out(&r), format!("{args} {args}\n"));

    // No `--`: main/1 gets the empty list.
    let r = krarup_in(d, &["run", "argv.erl"]);
    assert_eq!((r.status, out(&r).as_str()), (Some(0), "[] []\n"));

    // Options before `--` are krarup's; the program's come after it.
    let r = krarup_in(d, &["run", "-S", "1", "argv.erl", "--", "-S", "2"]);
    assert_eq!(
        (r.status, out(&r).as_str()),
        (Some(0), "[\"-S\",\"2\"] [\"-S\",\"2\"]\n")
    );

    // Arguments without `--` are taken for files: the error says where they go.
    let r = krarup_in(d, &["run", "argv.erl", "a", "b"]);
    assert_eq!(r.status, Some(1));
    assert!(
        err(&r).ends_with(
            "krarup: the program's arguments go after `--`: krarup run argv.erl -- a b\n"
        ),
        "{}",
        err(&r)
    );

    // Exit statuses of `krarup run`: halt/1's, init:stop/1's, 1 for an uncaught exception and 0
    // for exit(normal), as `erl -noshell -eval`.
    for (args, status) in [
        (&["halt", "3"][..], 3),
        (&["stop", "4"], 4),
        (&["crash"], 1),
        (&["exit"], 0),
    ] {
        let mut all = vec!["run", "argv.erl", "--"];
        all.extend_from_slice(args);
        let r = krarup_in(d, &all);
        assert_clean("status", &r);
        assert_eq!(r.status, Some(status), "{args:?}: {}", err(&r));
    }
    let r = krarup_in(d, &["run", "argv.erl", "--", "crash"]);
    assert!(
        err(&r)
            .contains("** exception error: no match of right hand side value {error,[\"crash\"]}"),
        "{}",
        err(&r)
    );
}

#[test]
fn main_0_runs_when_there_is_no_main_1_and_reads_the_plain_arguments() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let d = dir.path();
    write(
        d,
        "plain.erl",
        "-module(plain).\n-export([main/0]).\n\
         main() -> io:format(\"~p~n\", [init:get_plain_arguments()]).\n",
    );
    let r = krarup_in(d, &["run", "plain.erl", "--", "x", "y"]);
    assert_eq!((r.status, out(&r).as_str()), (Some(0), "[\"x\",\"y\"]\n"));
    // main/2 alone: the report says what krarup calls.
    write(
        d,
        "main2.erl",
        "-module(main2).\n-export([main/2]).\nmain(_, _) -> ok.\n",
    );
    let r = krarup_in(d, &["run", "main2.erl", "--", "x"]);
    assert_eq!(r.status, Some(1));
    assert!(
        err(&r).contains("help: main2 exports main/2 but `krarup run` calls main/1"),
        "{}",
        err(&r)
    );
}

#[test]
fn a_file_first_runs_as_escript_runs_it() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let d = dir.path();
    write(d, "argv.erl", ARGV);
    let r = krarup_in(d, &["argv.erl", "a", "--", "-x"]);
    assert_clean("script", &r);
    assert_eq!(
        (r.status, out(&r).as_str()),
        (
            Some(0),
            "[\"a\",\"--\",\"-x\"] [\"argv.erl\",\"a\",\"--\",\"-x\"]\n"
        )
    );
    // escript's statuses: halt/1's, 127 for an uncaught exception (exit(normal) included).
    for (args, status) in [
        (&["halt", "5"][..], 5),
        (&["stop", "6"], 6),
        (&["crash"], 127),
        (&[], 0),
    ] {
        let mut all = vec!["argv.erl"];
        all.extend_from_slice(args);
        let r = krarup_in(d, &all);
        assert_clean("script status", &r);
        assert_eq!(r.status, Some(status), "{args:?}: {}", err(&r));
    }
    // A compile error fails with 127 too.
    write(
        d,
        "bad.erl",
        "-module(bad).\n-export([main/1]).\nmain(_) -> x(.\n",
    );
    let r = krarup_in(d, &["bad.erl"]);
    assert_eq!(r.status, Some(127));
    assert!(err(&r).contains("bad.erl:3:"), "{}", err(&r));
    // A name that is not a program file is still a bad command line.
    let r = krarup_in(d, &["argv.txt"]);
    assert_eq!(r.status, Some(2));
}

#[cfg(unix)]
#[test]
fn a_shebang_file_is_executable() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temporary directory");
    let d = dir.path();
    // The `#!` line is skipped and a `%%!` line is a comment; line numbers stay the file's.
    let script = format!("#!/usr/bin/env krarup\n%%! -smp enable\n{ARGV}");
    write(d, "argv.erl", &script);
    let path = d.join("argv.erl");
    let mut perms = std::fs::metadata(&path).expect("script").permissions();
    perms.set_mode(0o755);
    std::fs::set_permissions(&path, perms).expect("chmod");
    let bin_dir = krarup_bin()
        .parent()
        .expect("the binary's directory")
        .to_path_buf();
    let paths = std::env::var_os("PATH").unwrap_or_default();
    let mut search = vec![bin_dir];
    search.extend(std::env::split_paths(&paths));
    let run = |args: &[&str]| {
        let mut cmd = Command::new("./argv.erl");
        cmd.current_dir(d)
            .args(args)
            .env("PATH", std::env::join_paths(&search).expect("PATH"))
            .env("NO_COLOR", "1");
        run_with_timeout(cmd, Duration::from_secs(60)).expect("the script starts")
    };
    let r = run(&["one", "two"]);
    assert_clean("shebang", &r);
    assert_eq!(
        (r.status, out(&r).as_str()),
        (
            Some(0),
            "[\"one\",\"two\"] [\"./argv.erl\",\"one\",\"two\"]\n"
        ),
        "{}",
        err(&r)
    );
    let r = run(&["halt", "9"]);
    assert_eq!(r.status, Some(9));
    let r = run(&["crash"]);
    assert_eq!(r.status, Some(127));
    // The uncaught exception's stack names the file's own line 8 (6 + the two script lines).
    assert!(err(&r).contains("argv.erl, line 8"), "{}", err(&r));
    // `krarup run` and `krarup compile` accept the file too.
    let r = krarup_in(d, &["run", "argv.erl", "--", "z"]);
    assert_eq!((r.status, out(&r).as_str()), (Some(0), "[\"z\"] [\"z\"]\n"));
    let r = krarup_in(d, &["compile", "-o", "out", "argv.erl"]);
    assert_eq!(r.status, Some(0), "{}", err(&r));
}
