//! Back-end robustness: mutated versions of the conformance programs (lines deleted, duplicated,
//! swapped, tokens replaced) go through the whole compiler and every dump. Whatever parses must
//! lower, match-compile and generate code without panicking, and successful output must pass the
//! VM's verifier.
// Tests read their fixtures from disk; the crate itself does no file access (clippy.toml).
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

use krarup_compiler::{compile, dump, Stage};
use std::path::Path;

/// A small deterministic generator (no dependency needed).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

fn sources() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../lang-tests");
    let mut out = Vec::new();
    for d in std::fs::read_dir(root).into_iter().flatten().flatten() {
        for f in std::fs::read_dir(d.path()).into_iter().flatten().flatten() {
            if f.path().extension().and_then(|e| e.to_str()) == Some("erl") {
                out.push(std::fs::read_to_string(f.path()).unwrap_or_default());
            }
        }
    }
    out.sort();
    out
}

fn mutate(src: &str, rng: &mut Lcg) -> String {
    let mut lines: Vec<String> = src.lines().map(|l| l.to_string()).collect();
    if lines.is_empty() {
        return String::new();
    }
    for _ in 0..1 + rng.next(3) {
        let n = lines.len();
        let i = rng.next(n);
        match rng.next(5) {
            0 => {
                lines.remove(i);
            }
            1 => {
                let l = lines[i].clone();
                lines.insert(i, l);
            }
            2 => lines.swap(i, rng.next(n)),
            3 => {
                // Replace one identifier-ish word with another from the file.
                let words: Vec<&str> = src
                    .split(|c: char| !c.is_alphanumeric() && c != '_')
                    .filter(|w| !w.is_empty())
                    .collect();
                if !words.is_empty() {
                    let from = words[rng.next(words.len())].to_string();
                    let to = words[rng.next(words.len())].to_string();
                    lines[i] = lines[i].replacen(&from, &to, 1);
                }
            }
            _ => {
                let l = lines[i].replace(',', ";");
                lines[i] = l;
            }
        }
        if lines.is_empty() {
            break;
        }
    }
    lines.join("\n")
}

#[test]
fn mutated_programs_never_panic() {
    let mut rng = Lcg(0x5eed);
    let mut compiled = 0;
    for src in sources() {
        for _ in 0..12 {
            let m = mutate(&src, &mut rng);
            if let Ok(c) = compile(&m, "fuzz") {
                compiled += 1;
                if let Err(e) = krarup_bytecode::verify::verify(&c.module) {
                    panic!("verify failed: {}\n--- source ---\n{m}", e.message);
                }
            }
            for stage in [Stage::Core, Stage::Decision] {
                let _ = dump(&m, "fuzz", stage);
            }
        }
    }
    assert!(compiled > 0);
}
