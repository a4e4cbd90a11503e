//! Front-end diagnostics: every syntax error in a file is reported (recovery at the next form),
//! with line/column, hints for the likely missing separator, module-level check messages, and the
//! rendered (ariadne) output as an insta snapshot.

use krarup_compiler::diagnostics::{line_col, render, render_short, Diagnostic, Severity};
use krarup_compiler::parse_module;

fn errors(src: &str) -> Vec<Diagnostic> {
    match parse_module(src, "t.erl") {
        Ok((_, w)) => panic!("expected errors, got Ok with warnings {w:?}"),
        Err(d) => d,
    }
}

/// `(line, col, message)` of each diagnostic.
fn positions(src: &str, diags: &[Diagnostic]) -> Vec<(usize, usize, String)> {
    diags
        .iter()
        .map(|d| {
            let (l, c) = line_col(src, d.span.start);
            (l, c, d.message())
        })
        .collect()
}

const THREE_ERRORS: &str = "-module(t).
-export([a/0, b/0, c/0, d/0]).

a() ->
    X = 1
    X + 1.

b() -> {1, 2.

c() -> case 1 of 1 -> ok.

d() -> ok.
";

#[test]
fn three_syntax_errors_give_three_diagnostics() {
    let d = errors(THREE_ERRORS);
    assert_eq!(
        positions(THREE_ERRORS, &d),
        [
            (6, 5, "syntax error before: X".to_string()),
            (8, 13, "syntax error before: '.'".to_string()),
            (10, 25, "syntax error before: '.'".to_string()),
        ]
    );
    assert_eq!(
        d[0].hint().as_deref(),
        Some("missing `,` at the end of the previous line?")
    );
    assert!(
        d[1].hint().as_deref().unwrap_or("").contains("unbalanced"),
        "{:?}",
        d[1].hint()
    );
    assert!(
        d[2].hint()
            .as_deref()
            .unwrap_or("")
            .contains("missing `end`"),
        "{:?}",
        d[2].hint()
    );
}

#[test]
fn rendered_diagnostics_snapshot() {
    let d = errors(THREE_ERRORS);
    insta::assert_snapshot!(render(&d, THREE_ERRORS, "t.erl", false));
}

#[test]
fn short_rendering_names_file_line_col() {
    let d = errors(THREE_ERRORS);
    let out = render_short(&d, THREE_ERRORS, "t.erl");
    assert!(
        out.starts_with(
            "t.erl:6:5: syntax error before: X\nt.erl:8:13: syntax error before: '.'\n"
        ),
        "{out}"
    );
}

#[test]
fn missing_semicolon_between_clauses() {
    let src = "-module(t).\n-export([f/1]).\nf(0) -> zero\nf(N) -> N.\n";
    let d = errors(src);
    assert_eq!(
        positions(src, &d),
        [(4, 1, "syntax error before: f".to_string())]
    );
    assert!(d[0].hint().as_deref().unwrap_or("").contains("`;`"));
}

#[test]
fn module_level_checks() {
    let src = "-module(t).
-export([main/0, gone/1]).
-record(r, {a, b}).
main() ->
    helpr(1),
    #r{c = 1},
    #q{},
    X = #r{},
    X#r.zz,
    helper(1, 2).
helper(X) -> X.
helper(X) -> X + 1.
";
    let d = errors(src);
    let msgs: Vec<(usize, usize, String, Option<String>)> = d
        .iter()
        .map(|d| {
            let (l, c) = line_col(src, d.span.start);
            (l, c, d.message(), d.hint())
        })
        .collect();
    let expect = |line: usize, msg: &str, hint: Option<&str>| {
        assert!(
            msgs.iter()
                .any(|(l, _, m, h)| *l == line && m == msg && h.as_deref() == hint),
            "missing ({line}, {msg}, {hint:?}) in {msgs:#?}"
        );
    };
    expect(2, "function gone/1 undefined", None);
    expect(
        5,
        "function helpr/1 undefined",
        Some("did you mean helper/1?"),
    );
    expect(6, "field c undefined in record r", None);
    expect(7, "record q undefined", None);
    expect(9, "field zz undefined in record r", None);
    expect(
        10,
        "function helper/2 undefined",
        Some("did you mean helper/1? (helper is defined with a different number of arguments)"),
    );
    expect(
        12,
        "function helper/1 already defined",
        Some("all clauses of a function must be written together, separated by `;`"),
    );
}

#[test]
fn warnings_do_not_fail_the_parse() {
    let src = "-module(t).\n-export([main/0]).\nmain() -> ok.\nunused() -> ok.\nalso_unused() -> unused().\n";
    let (_, w) = parse_module(src, "t.erl").unwrap();
    let owned: Vec<String> = w.iter().map(|d| d.message()).collect();
    let msgs: Vec<&str> = owned.iter().map(String::as_str).collect();
    assert_eq!(
        msgs,
        [
            "function unused/0 is unused",
            "function also_unused/0 is unused"
        ]
    );
    assert!(w.iter().all(|d| d.severity == Severity::Warning));
    // export_all turns the unused-function warning off.
    let src = "-module(t).\n-compile([export_all, nowarn_export_all]).\nunused() -> ok.\n";
    assert!(parse_module(src, "t.erl").unwrap().1.is_empty());
}

#[test]
fn bifs_imports_and_old_bif_clashes() {
    let ok = "-module(t).\n-export([f/1]).\n-import(lists, [reverse/1]).\nf(L) -> {length(L), reverse(L), self(), element(1, {a})}.\n";
    assert!(parse_module(ok, "t.erl").is_ok());
    let clash = "-module(t).\n-export([f/1]).\nf(L) -> length(L).\nlength(_) -> 0.\n";
    let d = errors(clash);
    assert!(d[0]
        .message()
        .contains("ambiguous call of overridden pre R14 auto-imported BIF length/1"));
    let resolved = "-module(t).\n-export([f/1]).\n-compile({no_auto_import, [length/1]}).\nf(L) -> length(L).\nlength(_) -> 0.\n";
    assert!(parse_module(resolved, "t.erl").unwrap().1.is_empty());
    // Newer BIFs: a warning, as erl_lint.
    let newer =
        "-module(t).\n-export([f/1]).\nf(L) -> binary_part(L, 1).\nbinary_part(_, _) -> 0.\n";
    let w = parse_module(newer, "t.erl").unwrap().1;
    assert_eq!(
        w[0].message(),
        "ambiguous call of overridden auto-imported BIF binary_part/2"
    );
    // nowarn_unused_function silences the unused warning for the listed functions only.
    let src = "-module(t).\n-export([f/0]).\n-compile({nowarn_unused_function, [g/0]}).\nf() -> ok.\ng() -> ok.\nh() -> ok.\n";
    let w = parse_module(src, "t.erl").unwrap().1;
    let owned: Vec<String> = w.iter().map(|d| d.message()).collect();
    let msgs: Vec<&str> = owned.iter().map(String::as_str).collect();
    assert_eq!(msgs, ["function h/0 is unused"]);
}

#[test]
fn missing_module_attribute() {
    let d = errors("-export([f/0]).\nf() -> ok.\n");
    assert_eq!(d[0].message(), "no module definition");
}

#[test]
fn lex_and_preprocessor_errors() {
    let src = "-module(t).\n-export([f/0]).\nf() -> {?NOPE, 'unterminated}.\n";
    let d = errors(src);
    let p = positions(src, &d);
    assert_eq!(p[0], (3, 10, "undefined macro 'NOPE'".to_string()));
    assert_eq!(
        p[1],
        (
            3,
            16,
            "unterminated atom starting with 'unterminated}.\\n'".to_string()
        )
    );
    let src = "-module(t).\n-ifdef(X).\n";
    assert_eq!(errors(src)[0].message(), "unterminated '-ifdef'");
    let src = "-module(t).\n-include(\"x.hrl\").\n";
    assert!(errors(src)[0]
        .message()
        .contains("-include is not supported"));
}

#[test]
fn file_without_final_dot() {
    // As erl_parse: one error, at the last token, naming no token.
    let src = "-module(t).\n-export([f/0]).\nf() -> ok";
    let d = errors(src);
    assert_eq!(
        positions(src, &d),
        [(3, 8, "syntax error before: ".to_string())]
    );
}

/// Cases found by comparing with `epp:parse_file/2` on mutated programs.
#[test]
fn agrees_with_epp_on_edge_cases() {
    let first = |src: &str| errors(src)[0].message();
    let d = errors("-ifdef(X).\n-else.when\n-endif.\n-module(t).\n");
    assert!(
        d.iter().any(|d| d.message() == "badly formed 'else'"),
        "{d:?}"
    );
    assert_eq!(
        first("-export([f/0]).\nf() -> ?MODULE.\n-module(t).\n"),
        "undefined macro 'MODULE'"
    );
    assert_eq!(first("-module(t).\n-definee(A, 1).\n"), "bad attribute");
    assert_eq!(first("-module(t).\n-vsn(1)x.\n"), "syntax error before: x");
    let src = "-module(t).\n-export([f/0]).\n-x(?FUNCTION_NAME).\nf() -> ok.\n";
    assert_eq!(first(src), "undefined macro 'FUNCTION_NAME'");
}

#[test]
fn module_name_must_match_file_name() {
    use krarup_compiler::checks::check_module_file_name;
    let (m, _) = parse_module("-module(other).\n", "dir/ce.erl").unwrap();
    let d = check_module_file_name(&m).expect("mismatch");
    assert_eq!(
        d.message(),
        "Module name 'other' does not match file name 'ce'"
    );
    let (m, _) = parse_module("-module(ce).\n", "dir/ce.erl").unwrap();
    assert!(check_module_file_name(&m).is_none());
}

#[test]
fn hints_for_common_mistakes() {
    let hint = |body: &str| {
        let src = format!("-module(t).\n-export([f/1]).\n{body}\n");
        let d = errors(&src);
        d[0].hint().unwrap_or_default()
    };
    assert!(hint("f(X) -> case X of 1 -> a, end.").contains("remove the `,` before 'end'"));
    assert!(hint("f(X) -> case X of 1 -> a; end.").contains("remove the `;` before 'end'"));
    assert!(hint("f(X) -> X,.").contains("remove the `,` before '.'"));
    assert!(hint("f(X) -> #{a -> X}.").contains("use `=>`"));
    let src = "-module(t)\n-export([f/1]).\nf(X) -> X.\n";
    assert_eq!(
        errors(src)[0].hint().as_deref(),
        Some("missing `.` at the end of the previous line?")
    );
}

#[test]
fn unused_records_warn() {
    let src = "-module(t).\n-export([f/0]).\n-record(used, {a}).\n-record(unused, {b}).\n-record(via_default, {c}).\n-record(holder, {d = #via_default{}}).\nf() -> #holder{}#holder.d#used.a.\n";
    let (_, w) = parse_module(src, "t.erl").unwrap();
    let owned: Vec<String> = w.iter().map(|d| d.message()).collect();
    let msgs: Vec<&str> = owned.iter().map(String::as_str).collect();
    assert_eq!(msgs, ["record unused is unused"]);
    let off = "-module(t).\n-compile(nowarn_unused_record).\n-record(unused, {b}).\n";
    assert!(parse_module(off, "t.erl").unwrap().1.is_empty());
}

#[test]
fn functions_called_from_record_defaults_are_used() {
    let src = "-module(t).\n-export([f/0]).\n-record(r, {a = default_a()}).\ndefault_a() -> 1.\nf() -> #r{}.\n";
    assert!(parse_module(src, "t.erl").unwrap().1.is_empty());
}

/// Macro errors are worded as `epp:format_error/1` words them, one per form.
#[test]
fn macro_errors_as_epp() {
    let src = "-module(t).\n-export([a/0, b/0, c/0, d/0]).\n-define(D, {?LINE, ?D(1)}).\n-define(A(X, Y), {X, Y}).\n\
               a() -> ?D(1).\nb() -> ?A(1).\nc() -> ?NOPE(1, 2).\nd() -> {?NOPE, ?NOPE}.\n";
    let msgs: Vec<String> = errors(src).iter().map(|d| d.message()).collect();
    assert_eq!(
        msgs,
        [
            "circular macro 'D/1'",
            "argument mismatch for macro 'A'",
            "undefined macro 'NOPE/2'",
            "undefined macro 'NOPE'",
        ]
    );
    // An argument may use the macro being called.
    let ok = "-module(t).\n-export([f/0]).\n-define(F(X), [X]).\nf() -> ?F(?F(1)).\n";
    assert!(parse_module(ok, "t.erl").is_ok());
}
