//! Compiles every `erl/*.erl` module with the krarup compiler and writes their bytecode, plus an
//! index, to `OUT_DIR` for `lib.rs` to embed. A compile error in the stdlib fails the build with
//! the rendered diagnostics.

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
}
