//! Differential test against real `erlc`: every program in `tests/erlc_diff/` is compiled by krarup,
//! and the set of (line, column, message) of its errors and warnings must equal what OTP 25's `erlc`
//! printed for the same file (`tests/erlc_diff/NAME.erlc`, written by `tests/erlc_diff/regen.sh`).
//! Deliberate differences are listed in docs/compiler-frontend.md; the programs showing them are
//! named in [`KNOWN_DIFFERENCES`] and must still differ (so a fix is noticed and the entry removed).
// Tests read their fixtures from disk; the crate itself does no file access (clippy.toml).
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

use krarup_compiler::diagnostics::LineIndex;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Programs on which krarup deliberately differs from erlc (see docs/compiler-frontend.md).
const KNOWN_DIFFERENCES: &[&str] = &[
    // Unknown bit types and bad units are syntax errors in krarup's grammar (the form is dropped,
    // so its function is undefined); erl_lint reports "bit type foo undefined" and keeps the form.
    "bad_binary.erl",
    // A `-define` with unbalanced parentheses: epp says "badly formed define: missing closing
    // right parenthesis" at the `.`; krarup says "bad -define directive" at the `-`.
    "syntax_in_define.erl",
];

/// The program directory; `ERLC_DIFF_DIR` points the test at another directory prepared the same
/// way (copy `regen.sh` there and run it), e.g. a copy of all of `lang-tests/`.
fn dir() -> PathBuf {
    match std::env::var_os("ERLC_DIFF_DIR") {
        Some(d) => PathBuf::from(d),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/erlc_diff"),
    }
}

/// One diagnostic as erlc prints it: `LINE:COL: message`, `LINE:COL: Warning: message`. Each
/// check reports once: the same diagnostic twice fails the test (erlc never repeats one).
fn krarup_diagnostics(src: &str, file_name: &str) -> BTreeSet<String> {
    // `-include` is resolved in this directory, as the driver resolves it next to the file.
    let resolver = |path: &str, _lib: bool| {
        let text = std::fs::read_to_string(dir().join(path)).ok()?;
        Some((path.to_string(), text))
    };
    let diags = match krarup_compiler::compile_with(src, file_name, Some(&resolver)) {
        Ok(c) => c.warnings,
        Err(d) => d,
    };
    let index = LineIndex::new(src);
    let lines = diags
        .iter()
        .map(|d| {
            let prefix = if d.is_error() { "" } else { "Warning: " };
            // erlc prints the module/file name mismatch without a position (krarup points at the
            // `-module` attribute); regen.sh writes it as `-:-:`.
            if d.message().starts_with("Module name '") {
                return format!("-:-: {prefix}{}", d.message());
            }
            let (line, col) = match &d.file {
                Some(f) => LineIndex::new(&f.text).line_col(d.span.start),
                None => index.line_col(d.span.start),
            };
            format!("{line}:{col}: {prefix}{}", d.message())
        })
        .collect::<Vec<String>>();
    let unique: BTreeSet<String> = lines.iter().cloned().collect();
    assert_eq!(
        unique.len(),
        lines.len(),
        "{file_name}: a diagnostic reported twice: {lines:#?}"
    );
    unique
}

#[test]
fn diagnostics_match_erlc() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir())
        .expect("tests/erlc_diff exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "erl"))
        .collect();
    files.sort();
    assert!(files.len() >= 25, "expected the erlc_diff programs");
    let mut failures = Vec::new();
    for path in &files {
        let src = std::fs::read_to_string(path).expect("readable program");
        let expected_path = path.with_extension("erlc");
        let expected: BTreeSet<String> = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|_| panic!("missing {}", expected_path.display()))
            .lines()
            .map(str::to_string)
            .collect();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let got = krarup_diagnostics(&src, &name);
        if KNOWN_DIFFERENCES.contains(&name.as_ref()) {
            if got == expected {
                failures.push(format!(
                    "{name}: now matches erlc; remove it from KNOWN_DIFFERENCES"
                ));
            }
            continue;
        }
        if got != expected {
            let missing: Vec<_> = expected.difference(&got).collect();
            let extra: Vec<_> = got.difference(&expected).collect();
            failures.push(format!(
                "{name}:\n  erlc only:   {missing:?}\n  krarup only: {extra:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
