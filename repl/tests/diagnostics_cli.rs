//! How `krarup` prints compile diagnostics: once each (the excerpt by default, erlc's one-line form
//! with `--error-format=short`), in erlc's order, in the included file they belong to, as the
//! module's `-compile` warning options ask, and without colour under `NO_COLOR`. Each expected
//! one-line output below is what `erlc +brief` (OTP 25) printed for the same files.

mod support;

use std::path::Path;
use std::process::Command;
use std::time::Duration;
use support::{err, krarup_bin, krarup_in, out, run_with_timeout, write};

const LIMIT: Duration = Duration::from_secs(60);

/// `krarup run --error-format=short FILE` in `dir`: (exit status, stderr).
fn short(dir: &Path, file: &str) -> (Option<i32>, String) {
    let r = krarup_in(dir, &["run", "--error-format=short", file]);
    (r.status, err(&r))
}

#[test]
fn each_diagnostic_is_printed_once() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let d = dir.path();
    write(
        d,
        "once.erl",
        "-module(once).\n-export([main/0]).\nmain() -> X = 1, nope().\n",
    );
    let r = krarup_in(d, &["run", "once.erl"]);
    assert_eq!(r.status, Some(1));
    let e = err(&r);
    assert_eq!(e.matches("function nope/0 undefined").count(), 2, "{e}");
    assert!(e.contains("Error: function nope/0 undefined"), "{e}");
    assert!(e.contains("╭─[ once.erl:3:18 ]"), "{e}");
    assert!(!e.contains("once.erl:3:18: error:"), "{e}");
    assert!(e.ends_with("once.erl: 1 error found\n"), "{e}");

    // The one-line form, byte for byte as erlc +brief (errors first, no count).
    assert_eq!(
        short(d, "once.erl"),
        (
            Some(1),
            "once.erl:3:18: function nope/0 undefined\n\
             once.erl:3:11: Warning: variable 'X' is unused\n"
                .to_string()
        )
    );
    // `krarup compile` takes the option too.
    let r = krarup_in(d, &["compile", "--error-format=short", "once.erl"]);
    assert_eq!(
        (r.status, err(&r).as_str()),
        (
            Some(1),
            "once.erl:3:18: function nope/0 undefined\n\
             once.erl:3:11: Warning: variable 'X' is unused\n"
        )
    );
}

#[test]
fn errors_in_an_included_file_are_reported_there() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let d = dir.path();
    write(d, "inc1.hrl", "-record(r, {a}).\nfoo() -> bar(.\n");
    write(
        d,
        "inc_err.erl",
        "-module(inc_err).\n-include(\"inc1.hrl\").\n-export([main/0]).\nmain() -> ok.\n",
    );
    assert_eq!(
        short(d, "inc_err.erl"),
        (
            Some(1),
            "inc1.hrl:2:14: syntax error before: '.'\n".to_string()
        )
    );
    let e = err(&krarup_in(d, &["run", "inc_err.erl"]));
    assert!(e.contains("╭─[ inc1.hrl:2:14 ]"), "{e}");
    assert!(e.contains("foo() -> bar(."), "{e}");

    // A last form without `.` ends at the end of the .hrl instead of swallowing `-export`.
    write(d, "inc2.hrl", "-record(r, {a})\n");
    write(
        d,
        "inc_dot.erl",
        "-module(inc_dot).\n-include(\"inc2.hrl\").\n-export([main/0]).\nmain() -> #r{a=1}.\n",
    );
    assert_eq!(
        short(d, "inc_dot.erl"),
        (
            Some(1),
            "inc2.hrl:1:15: syntax error before: \ninc_dot.erl:4:11: record r undefined\n"
                .to_string()
        )
    );

    // A label in another file than its diagnostic is left out, not drawn at a wrong place.
    write(d, "dup.hrl", "dupf() -> 1.\n");
    write(
        d,
        "dupm.erl",
        "-module(dupm).\n-export([main/0]).\n-include(\"dup.hrl\").\nmain() -> dupf().\n\
         dupf() -> 2.\n",
    );
    assert_eq!(
        short(d, "dupm.erl"),
        (
            Some(1),
            "dupm.erl:5:1: function dupf/0 already defined\n".to_string()
        )
    );
    let e = err(&krarup_in(d, &["run", "dupm.erl"]));
    assert!(e.contains("╭─[ dupm.erl:5:1 ]"), "{e}");
    assert!(!e.contains("first defined here"), "{e}");

    // Warnings in an .hrl name the .hrl; erlc sorts them by file name, then position.
    write(d, "z.hrl", "zhelper() -> Y = 1, ok.\n");
    write(
        d,
        "a_inc.erl",
        "-module(a_inc).\n-export([main/0]).\nmain() -> X = 1, ok.\n-include(\"z.hrl\").\n",
    );
    assert_eq!(
        short(d, "a_inc.erl"),
        (
            Some(0),
            "a_inc.erl:3:11: Warning: variable 'X' is unused\n\
             z.hrl:1:1: Warning: function zhelper/0 is unused\n\
             z.hrl:1:14: Warning: variable 'Y' is unused\n"
                .to_string()
        )
    );
}

#[test]
fn compile_options_choose_the_warnings() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let d = dir.path();
    write(
        d,
        "wae.erl",
        "-module(wae).\n-compile(warnings_as_errors).\n-export([main/0]).\nmain() -> X = 1, ok.\n",
    );
    assert_eq!(
        short(d, "wae.erl"),
        (
            Some(1),
            "compile: warnings being treated as errors\nwae.erl:4:11: variable 'X' is unused\n"
                .to_string()
        )
    );
    // With a real error, warnings stay warnings.
    write(
        d,
        "wae2.erl",
        "-module(wae2).\n-compile([warnings_as_errors]).\n-export([main/0]).\n\
         main() -> X = 1, nope().\nf() -> ok.\n",
    );
    assert_eq!(
        short(d, "wae2.erl"),
        (
            Some(1),
            "wae2.erl:4:18: function nope/0 undefined\n\
             wae2.erl:4:11: Warning: variable 'X' is unused\n\
             wae2.erl:5:1: Warning: function f/0 is unused\n"
                .to_string()
        )
    );
    write(
        d,
        "nowarn.erl",
        "-module(nowarn).\n-compile([nowarn_unused_vars, nowarn_unused_function, \
         {nowarn_unused_function, [{g,1}]}]).\n-export([main/0]).\n\
         main() -> X = 1, ok.\nf() -> ok.\ng(_) -> ok.\n",
    );
    assert_eq!(short(d, "nowarn.erl"), (Some(0), String::new()));
    // The later option wins; `{nowarn_unused_function, [f/0]}` silences f/0 alone.
    write(
        d,
        "later.erl",
        "-module(later).\n-compile([{nowarn_unused_function, [f/0]}, nowarn_unused_vars, \
         warn_unused_vars]).\n-export([main/0]).\nmain() -> X = 1, ok.\nf() -> ok.\n\
         g(A) -> fun(A) -> A end.\n",
    );
    assert_eq!(
        short(d, "later.erl"),
        (
            Some(0),
            "later.erl:4:11: Warning: variable 'X' is unused\n\
             later.erl:6:1: Warning: function g/1 is unused\n\
             later.erl:6:3: Warning: variable 'A' is unused\n\
             later.erl:6:13: Warning: variable 'A' shadowed in 'fun'\n"
                .to_string()
        )
    );
    write(
        d,
        "quiet.erl",
        "-module(quiet).\n-compile(nowarn_shadow_vars).\n-compile(nowarn_unused_record).\n\
         -compile([export_all, nowarn_export_all, nowarn_nomatch]).\n-record(r, {a}).\n\
         main() -> A = 1, fun(A) -> A end.\nk(X) -> case X of _ -> 1; a -> 2 end.\n",
    );
    assert_eq!(
        short(d, "quiet.erl"),
        (
            Some(0),
            "quiet.erl:6:11: Warning: variable 'A' is unused\n".to_string()
        )
    );
}

#[test]
fn the_cause_comes_before_its_follow_on_errors() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let d = dir.path();
    write(
        d,
        "unclosed.erl",
        "-module(unclosed).\n-export([main/0, count/1]).\n\nmain() ->\n    case count([1, 2]) of\n\
         \x20       2 -> io:format(\"two~n\")\n    .\n\ncount(L) -> length(L) + Missing.\n",
    );
    assert_eq!(
        short(d, "unclosed.erl"),
        (
            Some(1),
            "unclosed.erl:7:5: syntax error before: '.'\n\
             unclosed.erl:2:2: function main/0 undefined\n\
             unclosed.erl:9:25: variable 'Missing' is unbound\n"
                .to_string()
        )
    );
    // The end of the file in the middle of a function: one error, at the last token.
    write(
        d,
        "eof.erl",
        "-module(eof).\n-export([main/0]).\nmain() ->\n    ok.\nf() ->\n    case 1 of\n",
    );
    assert_eq!(
        short(d, "eof.erl"),
        (Some(1), "eof.erl:6:12: syntax error before: \n".to_string())
    );
    write(
        d,
        "nodot.erl",
        "-module(nodot).\n-export([main/0]).\nmain() -> ok",
    );
    assert_eq!(
        short(d, "nodot.erl"),
        (
            Some(1),
            "nodot.erl:3:11: syntax error before: \nnodot.erl:2:2: function main/0 undefined\n"
                .to_string()
        )
    );
}

#[test]
fn missing_include_file_hint_says_where_it_was_looked_for() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let d = dir.path();
    write(
        d,
        "noinc.erl",
        "-module(noinc).\n-include(\"missing.hrl\").\n-export([main/0]).\nmain() -> ok.\n",
    );
    assert_eq!(
        short(d, "noinc.erl"),
        (
            Some(1),
            "noinc.erl:2:10: can't find include file \"missing.hrl\"\n".to_string()
        )
    );
    let e = err(&krarup_in(d, &["run", "noinc.erl"]));
    assert!(
        e.contains("Help: the path is looked up relative to the including file's directory"),
        "{e}"
    );
    assert!(!e.contains("define the records and macros"), "{e}");
}

/// `-include_lib("kernel/include/logger.hrl")` finds the copy krarup embeds; a file of that path
/// on disk comes first, and plain `-include` never looks at the embedded files.
#[test]
fn embedded_otp_include_files_are_found_by_include_lib() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let d = dir.path();
    let program = |inc: &str| {
        format!(
            "-module(lg).\n{inc}(\"kernel/include/logger.hrl\").\n-export([main/0]).\n\
             main() -> io:format(\"~p~n\", [?LOCATION]).\n"
        )
    };
    write(d, "lg.erl", &program("-include_lib"));
    let r = krarup_in(d, &["run", "lg.erl"]);
    assert_eq!(
        out(&r),
        "#{file => \"lg.erl\",line => 4,mfa => {lg,main,0}}\n",
        "{}",
        err(&r)
    );
    write(d, "lg.erl", &program("-include"));
    let e = err(&krarup_in(d, &["run", "lg.erl"]));
    assert!(e.contains("can't find include file"), "{e}");
    std::fs::create_dir_all(d.join("include")).expect("mkdir");
    write(d, "include/logger.hrl", "-define(LOCATION, local_copy).\n");
    write(d, "lg.erl", &program("-include_lib"));
    assert_eq!(out(&krarup_in(d, &["run", "lg.erl"])), "local_copy\n");
}

/// Runs `krarup run bad.erl` under `script`, so stderr is a terminal.
fn on_terminal(dir: &Path, no_color: Option<&str>) -> Option<String> {
    let mut cmd = Command::new("script");
    cmd.current_dir(dir)
        .args([
            "-qec",
            &format!("{} run bad.erl", krarup_bin().display()),
            "/dev/null",
        ])
        .env_remove("NO_COLOR");
    if let Some(v) = no_color {
        cmd.env("NO_COLOR", v);
    }
    let r = run_with_timeout(cmd, LIMIT).ok()?;
    Some(String::from_utf8_lossy(&r.stdout).into_owned())
}

#[test]
fn no_color_turns_colour_off_on_a_terminal() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let d = dir.path();
    write(
        d,
        "bad.erl",
        "-module(bad).\n-export([main/0]).\nmain() -> Y.\n",
    );
    // `script` (util-linux) gives krarup a terminal; without it there is nothing to check.
    let Some(coloured) = on_terminal(d, None) else {
        eprintln!("`script` is not available; skipped");
        return;
    };
    assert!(coloured.contains("variable 'Y' is unbound"), "{coloured}");
    assert!(
        coloured.contains("\x1b["),
        "no colour on a terminal:\n{coloured}"
    );
    let plain = on_terminal(d, Some("1")).unwrap_or_default();
    assert!(plain.contains("variable 'Y' is unbound"), "{plain}");
    assert!(
        !plain.contains("\x1b["),
        "colour despite NO_COLOR=1:\n{plain}"
    );
}
