//! One insta snapshot per diagnostic kind (`diagnostics::Kind`): a program that provokes it and
//! everything krarup renders for that program, source and output together. A kind no program can
//! reach (a limit, a parser state the grammar never enters) is rendered from a constructed value
//! on a small source instead. The test fails when a kind has no case, so a new kind comes with its
//! snapshot. Snapshots live in `compiler/tests/snapshots/kinds/`; accept new ones with
//! `INSTA_UPDATE=always cargo test -p krarup-compiler --test diagnostic_kinds` after reading them.

use krarup_compiler::ast::Span;
use krarup_compiler::diagnostics::{render, Diagnostic, Kind, KIND_NAMES};
use std::collections::BTreeSet;

/// A program for one kind: its source (compiled as `t.erl`) and the files `-include` finds
/// (`None`: the compiler gets no resolver at all).
struct Case {
    kind: &'static str,
    source: String,
    includes: Option<Vec<(&'static str, &'static str)>>,
}

fn case(kind: &'static str, body: &str) -> Case {
    Case {
        kind,
        source: format!("-module(t).\n-export([f/1]).\n{body}"),
        includes: Some(Vec::new()),
    }
}

fn raw(kind: &'static str, source: &str) -> Case {
    Case {
        kind,
        source: source.to_string(),
        includes: Some(Vec::new()),
    }
}

fn cases() -> Vec<Case> {
    let nested = format!("f(_) -> {}1{}.\n", "(".repeat(501), ")".repeat(501));
    // Anonymous parameters, so the snapshot holds the one error and no 256 unused warnings.
    let too_many = format!(
        "f(_) -> g({}).\ng({}) -> ok.\n",
        vec!["1"; 256].join(", "),
        vec!["_"; 256].join(", ")
    );
    let mut huge = String::from("-define(M0, x).\n");
    for i in 1..22 {
        huge.push_str(&format!("-define(M{i}, {{?M{}, ?M{}}}).\n", i - 1, i - 1));
    }
    huge.push_str("f(_) -> ?M21.\n");
    vec![
        case("AtomTooLong", &format!("f(_) -> '{}'.\n", "a".repeat(256))),
        case("Unterminated", "f(_) -> $"),
        case("UnterminatedText", "f(_) -> \"never closed.\n"),
        case("BadNumber", "f(_) -> 37#12.\n"),
        case("BadEscape", "f(_) -> \"\\x{110000}\".\n"),
        case("UnterminatedConditional", "-ifdef(DEBUG).\nf(_) -> ok.\n"),
        case(
            "BadlyFormedTrailing",
            "-ifdef(A).\n-else(x).\n-endif.\nf(_) -> ok.\n",
        ),
        case("BadlyFormed", "-ifdef(1).\n-endif.\nf(_) -> ok.\n"),
        case("BadUndef", "-undef(1).\nf(_) -> ok.\n"),
        case("BadDefine", "-define.\nf(_) -> ok.\n"),
        case("DefineMissingComma", "-define(A 1).\nf(_) -> ok.\n"),
        case("BadMacroName", "-define(1, 2).\nf(_) -> ok.\n"),
        case("BadMacroParams", "-define(F(1), x).\nf(_) -> ok.\n"),
        case(
            "RedefiningMacro",
            "-define(A, 1).\n-define(A, 2).\nf(_) -> ?A.\n",
        ),
        case("BadInclude", "-include(foo).\nf(_) -> ok.\n"),
        case(
            "IncludeNotFound",
            "-include(\"missing.hrl\").\nf(_) -> ok.\n",
        ),
        Case {
            includes: None,
            ..case("IncludeUnsupported", "-include(\"r.hrl\").\nf(_) -> ok.\n")
        },
        Case {
            includes: Some(vec![("loop.hrl", "-include(\"loop.hrl\").\n")]),
            ..case("IncludesTooDeep", "-include(\"loop.hrl\").\nf(_) -> ok.\n")
        },
        case("BadIfCondition", "-if(foo(1)).\n-endif.\nf(_) -> ok.\n"),
        case("BadMacroCall", "f(_) -> ?1.\n"),
        case(
            "UnterminatedMacroArgs",
            "-define(F(X), X).\nf(_) -> ?F(1.\n",
        ),
        case(
            "MacroArgumentMismatch",
            "-define(F(X), X).\nf(_) -> ?F(1, 2).\n",
        ),
        case("UndefinedMacro", "f(_) -> ?NOPE.\n"),
        case("CircularMacro", "-define(A, ?A).\nf(_) -> ?A.\n"),
        case("MacroTooLarge", &huge),
        case("Unbalanced", "-endif.\nf(_) -> ok.\n"),
        case("NestedTooDeeply", &nested),
        case("SyntaxError", "f(X) ->\n    Y = X\n    Y + 1.\n"),
        case("BadFunArity", "f(_) -> fun g/99999999999.\n"),
        case("FunClauseNames", "f(_) -> fun A(0) -> 0; B(N) -> N end.\n"),
        case("HeadMismatch", "f(0) -> 0;\ng(N) -> N.\n"),
        case(
            "BadRecordFieldName",
            "-record(r, {a}).\nf(_) -> #r{A = 1}.\n",
        ),
        case("BadUnit", "f(X) -> <<X:8/unit:300>>.\n"),
        case("BadTypeSpecifier", "f(X) -> <<X/foo>>.\n"),
        raw("BadModuleAttribute", "-module(1).\n"),
        case("BadExportAttribute", "-export(f).\nf(_) -> ok.\n"),
        case("BadImportAttribute", "-import(lists, map).\nf(_) -> ok.\n"),
        case("BadRecordAttribute", "-record(r, a).\nf(_) -> ok.\n"),
        case("BadAttribute", "-vsn(1, 2).\nf(_) -> ok.\n"),
        case("BadRecordField", "-record(r, {1 = 2}).\nf(_) -> ok.\n"),
        case("BadRecordFieldShape", "-record(r, {1}).\nf(_) -> ok.\n"),
        case("RedefiningModule", "-module(u).\nf(_) -> ok.\n"),
        case("AttributeAfterFunctions", "f(_) -> ok.\n-export([f/1]).\n"),
        case(
            "RecordRedefined",
            "-record(r, {a}).\n-record(r, {b}).\nf(_) -> #r{}.\n",
        ),
        case("FieldRedefined", "-record(r, {a, a}).\nf(_) -> #r{}.\n"),
        raw("NoModule", "-export([f/0]).\nf() -> ok.\n"),
        case("FunctionRedefined", "f(_) -> 1.\ng() -> 2.\nf(_) -> 3.\n"),
        case("UndefinedFunction", "f(X) -> helpr(X).\nhelper(X) -> X.\n"),
        case(
            "UndefinedRecord",
            "-record(point, {x}).\nf(_) -> #pont{}.\n",
        ),
        case(
            "UndefinedField",
            "-record(r, {name}).\nf(_) -> #r{nmae = 1}.\n",
        ),
        case(
            "IllegalRecordInfo",
            "-record(r, {a}).\nf(_) -> record_info(foo, r).\n",
        ),
        case("AmbiguousOldBif", "f(X) -> size(X).\nsize(X) -> X.\n"),
        case(
            "AmbiguousBif",
            "f(X) -> binary_part(X, 1).\nbinary_part(X, Y) -> {X, Y}.\n",
        ),
        raw("ModuleNameMismatch", "-module(other).\n"),
        case("UnusedRecord", "-record(r, {a}).\nf(_) -> ok.\n"),
        case("ExportAll", "-compile(export_all).\nf(_) -> ok.\n"),
        case("UnusedFunction", "f(_) -> ok.\ng() -> ok.\n"),
        case(
            "UnsafeVariable",
            "f(X) ->\n    case X of 1 -> Y = 1; _ -> ok end,\n    Y.\n",
        ),
        case("UnboundVariable", "f(Count) -> Cuont + 1.\n"),
        case("UnusedVariable", "f(X) -> Y = X, ok.\n"),
        case("ShadowedVariable", "f(X) -> fun(X) -> X end.\n"),
        case("ExactInMapConstruction", "f(X) -> #{a := X}.\n"),
        case(
            "StacktraceInGuard",
            "f(_) ->\n    try ok catch _:_:S when S =:= [] -> ok end.\n",
        ),
        case("IllegalPattern", "f(X + 1) -> X.\n"),
        case("IllegalMapPattern", "f(#{a => X}) -> X.\n"),
        case("UnsupportedPatternCombination", "f({a} = [b]) -> ok.\n"),
        case("BinaryTailNotLast", "f(<<X/binary, 1>>) -> X.\n"),
        case("IllegalBinarySegment", "f(<<{a}:8>>) -> ok.\n"),
        case("IllegalGuard", "f(X) when X ! 1 -> ok.\n"),
        case("GuardCallsLocal", "f(X) when g(X) -> ok.\ng(X) -> X.\n"),
        case("ClauseCannotMatch", "f(_) -> a;\nf(b) -> b.\n"),
        case("TooManyArguments", &too_many),
    ]
}

/// Kinds no program reaches: the value, the source it is shown on, and where.
fn constructed() -> Vec<(Kind, &'static str, Span)> {
    let src = "-module(t).\n-export([f/1]).\nf(X) -> X.\n";
    let f = Span::new(28, 32);
    vec![
        (Kind::IllegalCharacter('\u{7f}'), src, Span::new(36, 37)),
        (Kind::SourceTooLarge, src, Span::new(0, 0)),
        (Kind::InvalidToken, src, Span::new(33, 35)),
        (Kind::FunArities, src, f),
        // The grammar has no map comprehensions, and a binary generator's pattern is a binary.
        (Kind::MapComprehension, src, Span::new(36, 37)),
        (Kind::BinaryGeneratorPattern, src, Span::new(36, 37)),
        (
            Kind::FunctionTooLarge {
                name: "f".into(),
                arity: 1,
            },
            src,
            f,
        ),
    ]
}

fn snapshot(name: &str, text: String) {
    insta::with_settings!({
        snapshot_path => "snapshots/kinds",
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!(name.to_string(), text);
    });
}

#[test]
fn every_kind_renders_with_its_source() {
    let mut covered = BTreeSet::new();
    let mut problems = Vec::new();
    for c in cases() {
        let includes = c.includes.clone();
        let resolve = move |path: &str, _lib: bool| {
            let files = includes.as_ref()?;
            let (name, text) = files.iter().find(|(n, _)| *n == path)?;
            Some((name.to_string(), text.to_string()))
        };
        let resolver: Option<krarup_compiler::preprocess::IncludeResolver<'_>> =
            c.includes.as_ref().map(|_| &resolve as _);
        let diags = match krarup_compiler::compile_with(&c.source, "t.erl", resolver) {
            Ok(compiled) => compiled.warnings,
            Err(d) => d,
        };
        let names: Vec<&str> = diags.iter().map(|d| d.kind.name()).collect();
        if !names.contains(&c.kind) {
            problems.push(format!("{}: got {names:?}", c.kind));
        }
        covered.insert(c.kind);
        let mut text = format!("----- t.erl\n{}", c.source);
        for (name, body) in c.includes.iter().flatten() {
            text.push_str(&format!("----- {name}\n{body}"));
        }
        text.push_str("----- rendered\n");
        text.push_str(&render(&diags, &c.source, "t.erl", false));
        snapshot(c.kind, text);
    }
    for (kind, src, span) in constructed() {
        let name = kind.name();
        covered.insert(name);
        let d = Diagnostic::new(kind, span);
        let text = format!(
            "----- t.erl (constructed)\n{src}----- rendered\n{}",
            render(&[d], src, "t.erl", false)
        );
        snapshot(name, text);
    }
    let missing: Vec<&&str> = KIND_NAMES
        .iter()
        .filter(|k| !covered.contains(**k))
        .collect();
    assert!(missing.is_empty(), "kinds without a case: {missing:?}");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// `KIND_NAMES` lists every variant of `Kind`, read from the enum's source.
#[test]
fn kind_names_list_every_variant() {
    let src = include_str!("../src/diagnostics.rs");
    let start = src.find("pub enum Kind {").expect("Kind enum");
    let body = &src[start..];
    let end = body.find("\n}\n").expect("end of Kind");
    let variants: Vec<&str> = body[..end]
        .lines()
        .filter_map(|l| l.strip_prefix("    "))
        .filter(|l| l.starts_with(|c: char| c.is_ascii_uppercase()))
        .map(|l| l.split(|c: char| !c.is_alphanumeric()).next().unwrap_or(""))
        .collect();
    assert!(variants.len() > 40, "parsed {variants:?}");
    assert_eq!(
        variants, KIND_NAMES,
        "KIND_NAMES must list every Kind variant in order"
    );
}
