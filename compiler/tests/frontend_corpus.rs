//! Front-end corpus test: every Erlang program in `lang-tests/` and every krarup stdlib module in
//! `stdlib/erl/` must lex, preprocess, parse and pass module checks (except `compile_errors/`, which
//! must fail with the listed front-end errors, and never panic).
// Tests read their fixtures from disk; the crate itself does no file access (clippy.toml).
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

use krarup_compiler::diagnostics::render_short;
use krarup_compiler::parser::parse_module_with;
use std::path::{Path, PathBuf};

fn erl_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            erl_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "erl") {
            out.push(p);
        }
    }
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Parses a file with `-include` resolved relative to the file's directory, and `-include_lib`
/// also among the embedded OTP include files (`stdlib/include/`), as the binary does.
fn parse_file(p: &Path) -> (String, Result<usize, String>) {
    let src = std::fs::read_to_string(p).expect("readable test file");
    let dir = p.parent().map(Path::to_path_buf).unwrap_or_default();
    let embedded = workspace().join("stdlib/include");
    let resolver = move |inc: &str, lib: bool| {
        let path = dir.join(inc);
        let path = if !path.is_file() && lib {
            embedded.join(inc)
        } else {
            path
        };
        let text = std::fs::read_to_string(&path).ok()?;
        Some((path.display().to_string(), text))
    };
    let name = p.display().to_string();
    let result = match parse_module_with(&src, &name, Some(&resolver)) {
        Ok((m, _warnings)) => Ok(m.functions.len()),
        Err(d) => Err(render_short(&d, &src, &name)),
    };
    (src, result)
}

#[test]
fn lang_tests_and_stdlib_parse() {
    let mut files = Vec::new();
    erl_files(&workspace().join("lang-tests"), &mut files);
    erl_files(&workspace().join("stdlib/erl"), &mut files);
    files.sort();
    let mut failures = Vec::new();
    let mut parsed = 0;
    for f in &files {
        if f.components().any(|c| c.as_os_str() == "compile_errors") {
            continue;
        }
        match parse_file(f).1 {
            Ok(_) => parsed += 1,
            Err(e) => failures.push(e),
        }
    }
    assert!(
        failures.is_empty(),
        "{} files failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    eprintln!("parsed {parsed} files");
}

#[test]
fn compile_errors_are_reported_by_the_front_end() {
    let dir = workspace().join("lang-tests/compile_errors");
    // File -> a substring of the first front-end error expected.
    let expected = [
        ("ce_bad_token.erl", "unterminated string"),
        ("ce_macro.erl", "undefined macro 'UNDEFINED_MACRO'"),
        ("ce_missing_dot.erl", "syntax error before: helper"),
        ("ce_missing_semicolon.erl", "syntax error before: f"),
        ("ce_several.erl", "function missing/0 undefined"),
        ("ce_syntax.erl", "syntax error before: '.'"),
        ("ce_undefined_function.erl", "function helper/1 undefined"),
        ("ce_wrong_arity.erl", "function add/1 undefined"),
    ];
    for (file, msg) in expected {
        let p = dir.join(file);
        if !p.exists() {
            continue;
        }
        match parse_file(&p).1 {
            Ok(_) => panic!("{file}: expected a front-end error containing {msg:?}"),
            Err(out) => assert!(out.contains(msg), "{file}: expected {msg:?} in:\n{out}"),
        }
    }
    // All other compile-error programs must at least not panic.
    let mut files = Vec::new();
    erl_files(&dir, &mut files);
    for f in files {
        let _ = parse_file(&f);
    }
}
