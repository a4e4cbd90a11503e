//! Back-end corpus test: every conformance program under `lang-tests/` (except the ones meant to
//! be rejected) compiles, and the bytecode passes the verifier (`krarup_bytecode::verify`).
// Tests read their fixtures from disk; the crate itself does no file access (clippy.toml).
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

use std::path::{Path, PathBuf};

fn programs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../lang-tests");
    let mut out = Vec::new();
    let Ok(dirs) = std::fs::read_dir(&root) else {
        return out;
    };
    for d in dirs.flatten() {
        let p = d.path();
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if !p.is_dir() || name == "compile_errors" || name == "wishlist" {
            continue;
        }
        for f in std::fs::read_dir(&p).into_iter().flatten().flatten() {
            if f.path().extension().and_then(|e| e.to_str()) == Some("erl") {
                out.push(f.path());
            }
        }
    }
    out.sort();
    out
}

#[test]
fn corpus_compiles_and_verifies() {
    let mut failures = Vec::new();
    let progs = programs();
    for p in &progs {
        let src = std::fs::read_to_string(p).unwrap_or_default();
        let name = p.display().to_string();
        // `-include_lib` of the OTP include files krarup embeds (stdlib/include/), as the
        // `krarup` binary resolves them.
        let embedded = Path::new(env!("CARGO_MANIFEST_DIR")).join("../stdlib/include");
        let resolve = |path: &str, lib: bool| {
            let file = embedded.join(path);
            let text = std::fs::read_to_string(&file).ok().filter(|_| lib)?;
            Some((file.display().to_string(), text))
        };
        match krarup_compiler::compile_with(&src, &name, Some(&resolve)) {
            Ok(c) => {
                if let Err(e) = krarup_bytecode::verify::verify(&c.module) {
                    failures.push(format!("{name}: verify: {}", e.message));
                }
            }
            Err(d) => failures.push(format!(
                "{name}: {}",
                krarup_compiler::diagnostics::render_short(&d, &src, &name).trim_end()
            )),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} programs failed:\n{}",
        failures.len(),
        progs.len(),
        failures.join("\n")
    );
}
