//! Front-end robustness: random bytes, random token soup and random mutations of the conformance
//! programs must never panic the lexer, preprocessor, parser, checks or renderer, and every
//! diagnostic span must lie inside the source.
// Tests read their fixtures from disk; the crate itself does no file access (clippy.toml).
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

use krarup_compiler::diagnostics::{render, Diagnostic};
use krarup_compiler::parse_module;
use std::path::Path;

/// A small deterministic xorshift PRNG (no extra dependency).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Parses and renders; checks spans. Panics (failing the test) only on a real bug.
fn exercise(src: &str) {
    let diags: Vec<Diagnostic> = match parse_module(src, "fuzz.erl") {
        Ok((_, w)) => w,
        Err(d) => {
            assert!(
                d.iter().any(Diagnostic::is_error),
                "Err without an error for {src:?}"
            );
            d
        }
    };
    for d in &diags {
        assert!(
            d.span.start <= d.span.end && d.span.end as usize <= src.len(),
            "span {:?} outside {src:?}",
            d.span
        );
    }
    let _ = render(&diags, src, "fuzz.erl", false);
    let _ = render(&diags, src, "fuzz.erl", true);
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = Rng(0x1234_5678_9abc_def1);
    for _ in 0..1500 {
        let len = rng.below(120);
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        exercise(&String::from_utf8_lossy(&bytes));
    }
}

const FRAGMENTS: &[&str] = &[
    "-module(m).",
    "-export([f/1]).",
    "-record(r, {a = 1, b}).",
    "-define(M(X), X + 1).",
    "-define(N, 2).",
    "-ifdef(N).",
    "-ifndef(Q).",
    "-else.",
    "-endif.",
    "-if(?N > 1).",
    "-elif(true).",
    "-undef(N).",
    "-include(\"x.hrl\").",
    "f",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "<<",
    ">>",
    ",",
    ";",
    ".\n",
    "->",
    "=>",
    ":=",
    "<-",
    "<=",
    "||",
    "|",
    "#",
    "#r",
    "#r.a",
    "#{",
    ":",
    "?",
    "?M(",
    "?N",
    "??X",
    "!",
    "=",
    "==",
    "=:=",
    "=/=",
    "+",
    "-",
    "*",
    "/",
    "++",
    "--",
    "case",
    "of",
    "end",
    "if",
    "receive",
    "after",
    "try",
    "catch",
    "fun",
    "when",
    "begin",
    "not",
    "andalso",
    "orelse",
    "div",
    "rem",
    "band",
    "X",
    "_",
    "Y1",
    "atom",
    "'q a'",
    "\"str\"",
    "\"",
    "'",
    "1",
    "16#ff",
    "1.5e3",
    "$a",
    "$\\n",
    "$",
    "\\",
    "%c\n",
    "\n",
    " ",
    "1.",
    "fun f/1",
    "fun m:f/2",
    "f(X) -> X.\n",
    "\u{e9}",
    "\u{1F600}",
    "9999999999999999999999",
    "36#zz",
    "37#1",
    "1_",
    "_1",
    "X#r{a = 1}",
    ".",
    "..",
    "...",
    "::",
    "maybe",
    "else",
];

#[test]
fn token_soup_never_panics() {
    let mut rng = Rng(0xdead_beef_cafe_f00d);
    for _ in 0..3000 {
        let n = rng.below(60);
        let mut s = String::new();
        for _ in 0..n {
            s.push_str(FRAGMENTS[rng.below(FRAGMENTS.len())]);
            if rng.below(3) == 0 {
                s.push(' ');
            }
        }
        exercise(&s);
    }
}

fn erl_files(dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            erl_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "erl") {
            if let Ok(s) = std::fs::read_to_string(&p) {
                out.push(s);
            }
        }
    }
}

#[test]
fn mutated_programs_never_panic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut sources = Vec::new();
    erl_files(&root.join("lang-tests"), &mut sources);
    let mut rng = Rng(0x0123_4567_89ab_cdef);
    for src in &sources {
        let chars: Vec<char> = src.chars().collect();
        for _ in 0..15 {
            let mut c = chars.clone();
            for _ in 0..1 + rng.below(4) {
                let at = rng.below(c.len() + 1);
                match rng.below(3) {
                    0 => {
                        let end = (at + 1 + rng.below(20)).min(c.len());
                        c.drain(at.min(end)..end);
                    }
                    1 => {
                        let frag = FRAGMENTS[rng.below(FRAGMENTS.len())];
                        c.splice(at..at, frag.chars());
                    }
                    _ => {
                        let end = (at + rng.below(30)).min(c.len());
                        let copy: Vec<char> = c[at.min(end)..end].to_vec();
                        c.splice(at..at, copy);
                    }
                }
            }
            exercise(&c.into_iter().collect::<String>());
        }
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let deep = format!(
        "-module(m).\n-export([f/0]).\nf() -> {}1{}.\n",
        "{".repeat(5000),
        "}".repeat(5000)
    );
    let d = parse_module(&deep, "m.erl").unwrap_err();
    assert!(d[0].message().contains("nested too deeply"));
    let deep_parens = format!(
        "-module(m).\n-export([f/0]).\nf() -> {}1{}.\n",
        "(".repeat(5000),
        ")".repeat(5000)
    );
    assert!(parse_module(&deep_parens, "m.erl").is_err());
    let long_list = format!(
        "-module(m).\n-export([f/0]).\nf() -> [{}].\n",
        vec!["1"; 20000].join(",")
    );
    assert!(parse_module(&long_list, "m.erl").is_ok());
}

#[test]
fn exponential_macros_are_an_error_not_a_hang() {
    let mut src = String::from("-module(m).\n-export([f/0]).\n");
    for i in 0..40 {
        src.push_str(&format!("-define(M{i}, {{?M{}, ?M{}}}).\n", i + 1, i + 1));
    }
    src.push_str("-define(M40, x).\nf() -> ?M0.\n");
    let d = parse_module(&src, "m.erl").unwrap_err();
    assert_eq!(
        d.iter()
            .filter(|d| d.message().contains("macro expansion too large"))
            .count(),
        1
    );
}
