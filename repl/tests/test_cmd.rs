//! `krarup test` on projects laid out as rebar3 lays them out (`src/`, `test/`): which modules it
//! finds, `TEST` being defined, EUnit's report on stdout, and the exit status on success, on a
//! failing test and on a compile error. EUnit's report itself is checked against erl in
//! `lang-tests/eunit/` (`lang_tests.rs`).

mod support;

use std::path::Path;
use support::{err, krarup_in, out, write, RunResult};

const CALC: &str = "-module(calc).\n-export([add/2, sub/2]).\n\
                    -ifdef(TEST).\n-include_lib(\"eunit/include/eunit.hrl\").\n-endif.\n\
                    add(A, B) -> A + B.\nsub(A, B) -> A - B.\n\
                    -ifdef(TEST).\nadd_test() -> ?assertEqual(3, add(1, 2)).\n-endif.\n";

const CALC_TESTS: &str = "-module(calc_tests).\n-include_lib(\"eunit/include/eunit.hrl\").\n\
                          sub_test() -> ?assertEqual(1, calc:sub(3, 2)).\n\
                          quiet_test() -> io:format(\"not shown~n\").\n";

/// A project with `src/calc.erl` and `test/calc_tests.erl`; `extra` adds files to `test/`.
fn project(extra: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary directory");
    let d = dir.path();
    std::fs::create_dir_all(d.join("src")).expect("src/");
    std::fs::create_dir_all(d.join("test")).expect("test/");
    write(&d.join("src"), "calc.erl", CALC);
    write(&d.join("test"), "calc_tests.erl", CALC_TESTS);
    for (name, text) in extra {
        write(&d.join("test"), name, text);
    }
    dir
}

fn assert_clean(what: &str, r: &RunResult) {
    assert!(!r.timed_out, "{what}: did not finish");
    assert!(
        !err(r).contains("panicked"),
        "{what}: panicked:\n{}",
        err(r)
    );
}

#[test]
fn passing_project_exits_zero() {
    let dir = project(&[]);
    let r = krarup_in(dir.path(), &["test"]);
    assert_clean("pass", &r);
    // calc's own test (compiled with TEST defined) and calc_tests' two, which run with calc;
    // the output of a passing test is captured, not printed.
    assert_eq!(out(&r), "  All 3 tests passed.\n", "stderr:\n{}", err(&r));
    assert_eq!(r.status, Some(0));
}

#[test]
fn failing_test_exits_one_with_eunit_report() {
    let failing = "-module(more_tests).\n-include_lib(\"eunit/include/eunit.hrl\").\n\
                   ok_test() -> ok.\n\
                   bad_test() -> io:format(\"shown~n\"), ?assertEqual(2, calc:add(1, 0)).\n";
    let dir = project(&[("more_tests.erl", failing)]);
    let r = krarup_in(dir.path(), &["test"]);
    assert_clean("fail", &r);
    assert_eq!(r.status, Some(1), "stderr:\n{}", err(&r));
    let o = out(&r);
    assert!(o.starts_with("more_tests: bad_test...*failed*\n"), "{o}");
    assert!(
        o.contains(
            "**error:{assertEqual,[{module,more_tests},\n              {line,4},\n              \
             {expression,\"calc : add ( 1 , 0 )\"},\n              {expected,2},\n              \
             {value,1}]}\n  output:<<\"shown\n\">>\n\n"
        ),
        "{o}"
    );
    assert!(
        o.ends_with("  Failed: 1.  Skipped: 0.  Passed: 4.\n"),
        "{o}"
    );
}

#[test]
fn compile_error_exits_one_and_runs_nothing() {
    let broken = "-module(broken_tests).\n-include_lib(\"eunit/include/eunit.hrl\").\n\
                  a_test() -> ?assertEqual(1, ).\n";
    let dir = project(&[("broken_tests.erl", broken)]);
    let r = krarup_in(dir.path(), &["test"]);
    assert_clean("compile error", &r);
    assert_eq!(r.status, Some(1));
    assert_eq!(out(&r), "");
    let e = err(&r);
    assert!(e.contains("test/broken_tests.erl:3:"), "{e}");
    assert!(e.contains("syntax error"), "{e}");
    // A first-line error is shown against the file's own text (TEST is defined out of sight).
    std::fs::remove_file(dir.path().join("test/broken_tests.erl")).expect("remove");
    write(
        &dir.path().join("test"),
        "first_tests.erl",
        "-module(first_tests) x.\n",
    );
    let r = krarup_in(dir.path(), &["test"]);
    assert_eq!(r.status, Some(1));
    let e = err(&r);
    assert!(e.contains("test/first_tests.erl:1:22"), "{e}");
    assert!(!e.contains("-define(TEST"), "{e}");
}

#[test]
fn paths_and_verbose() {
    let dir = project(&[]);
    let d = dir.path();
    // One file: only calc, whose calc_tests is not among the files. A module with one test
    // is reported as that test, described by the module (as erl prints it); a test that took
    // a millisecond or more shows its time before "ok".
    let r = krarup_in(d, &["test", "-v", "src/calc.erl"]);
    assert_clean("file", &r);
    assert_eq!(r.status, Some(0), "stderr:\n{}", err(&r));
    let o = out(&r);
    assert!(
        o.starts_with(
            "======================== EUnit ========================\n\
             calc: add_test (module 'calc')..."
        ) && o.ends_with(
            "ok\n=======================================================\n  Test passed.\n"
        ),
        "{o}"
    );
    // A directory: its src/ and test/.
    let parent = d.parent().unwrap_or(Path::new("/"));
    let name = d
        .file_name()
        .expect("dir name")
        .to_string_lossy()
        .into_owned();
    let r = krarup_in(parent, &["test", &name]);
    assert_eq!(out(&r), "  All 3 tests passed.\n", "stderr:\n{}", err(&r));
}

#[test]
fn nothing_to_test() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let r = krarup_in(dir.path(), &["test"]);
    assert_eq!(r.status, Some(1));
    assert!(err(&r).contains("no .erl files"), "{}", err(&r));
    let r = krarup_in(dir.path(), &["test", "missing.erl"]);
    assert_eq!(r.status, Some(1));
    assert!(
        err(&r).contains("missing.erl is neither a file nor a directory"),
        "{}",
        err(&r)
    );
    write(
        dir.path(),
        "plain.erl",
        "-module(plain).\n-export([f/0]).\nf() -> ok.\n",
    );
    let r = krarup_in(dir.path(), &["test"]);
    assert_eq!(r.status, Some(0), "{}", err(&r));
    assert_eq!(out(&r), "  There were no tests to run.\n");
}

#[test]
fn debug_macros_write_past_the_capture() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let src = "-module(dbg_tests).\n-include_lib(\"eunit/include/eunit.hrl\").\n\
               a_test() ->\n    ?debugMsg(\"hello\"),\n    3 = ?debugVal(1 + 2),\n    \
               ?debugFmt(\"x=~p\", [x]),\n    ?debugHere,\n    io:format(\"captured~n\").\n";
    write(dir.path(), "dbg_tests.erl", src);
    let r = krarup_in(dir.path(), &["test"]);
    assert_eq!(r.status, Some(0), "{}", err(&r));
    // As erl prints them: "File:Line:Pid: Text" on the device user, which EUnit does not
    // capture; the test's own output is captured and not shown.
    let lines: Vec<String> = out(&r).lines().map(str::to_string).collect();
    let want = [(4, "hello"), (5, "1 + 2 = 3"), (6, "x=x"), (7, "<-")];
    assert_eq!(lines.len(), want.len() + 1, "{lines:?}");
    for (line, (n, text)) in lines.iter().zip(want) {
        let prefix = format!("dbg_tests.erl:{n}:<0.");
        assert!(line.starts_with(&prefix), "{line}");
        assert!(line.ends_with(&format!(".0>: {text}")), "{line}");
    }
    assert_eq!(lines[want.len()], "  Test passed.");
}
