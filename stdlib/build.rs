//! Compiles every `erl/*.erl` module with the krarup compiler and writes their bytecode, plus an
//! index, to `OUT_DIR` for `lib.rs` to embed. A compile error in the stdlib fails the build with
//! the rendered diagnostics. Also indexes the include files under `include/` (by their path
//! there, `app/include/name.hrl`, as `-include_lib` names them).

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let dir = Path::new("erl");
    println!("cargo:rerun-if-changed=erl");
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "erl"));
    files.sort();
    let mut index = String::from("&[\n");
    let mut failed = false;
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let source = std::fs::read_to_string(path).expect("stdlib source is UTF-8");
        // Stack traces name OTP's library modules by their bare file name ("lists.erl").
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match krarup_compiler::compile(&source, &name) {
            Ok(compiled) => {
                let bytes = krarup_bytecode::format::encode(&compiled.module);
                let target = Path::new(&out_dir).join(format!("{}.kbc", compiled.module.name));
                std::fs::write(&target, bytes).expect("write stdlib bytecode");
                writeln!(
                    index,
                    "    ({:?}, include_bytes!({:?})),",
                    compiled.module.name,
                    target.display().to_string()
                )
                .expect("write to string");
            }
            Err(diags) => {
                eprintln!(
                    "{}",
                    krarup_compiler::diagnostics::render(&diags, &source, &name, false)
                );
                failed = true;
            }
        }
    }
    index.push(']');
    if failed {
        panic!("the stdlib failed to compile; see the diagnostics above");
    }
    std::fs::write(Path::new(&out_dir).join("modules.rs"), index).expect("write stdlib index");
    write_include_index(&out_dir);
}

/// Writes `includes.rs`: `(path under include/, include_str!(file))` for every file there.
fn write_include_index(out_dir: &str) {
    let root = Path::new("include");
    println!("cargo:rerun-if-changed=include");
    let mut files = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(d) = dirs.pop() {
        println!("cargo:rerun-if-changed={}", d.display());
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.filter_map(|e| e.ok()) {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else {
                files.push(p);
            }
        }
    }
    files.sort();
    let mut index = String::from("&[\n");
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let rel = f.strip_prefix(root).expect("under include/");
        let abs = std::fs::canonicalize(f).expect("include file path");
        writeln!(
            index,
            "    ({:?}, include_str!({:?})),",
            rel.to_string_lossy().replace('\\', "/"),
            abs.display().to_string()
        )
        .expect("write to string");
    }
    index.push(']');
    std::fs::write(Path::new(out_dir).join("includes.rs"), index).expect("write include index");
}
