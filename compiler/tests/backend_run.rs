//! Back-end end-to-end tests: compile the programs in `tests/backend_data/`, run `main/0` on the
//! krarup VM, and compare what it printed plus its return value (rendered as `~w`) with the output
//! real `erl` gave for `io:format("~w~n", [M:main()])` (`tests/backend_data/regen.sh` produces the
//! `.out` files; never edit them by hand).
// Tests read their fixtures from disk; the crate itself does no file access (clippy.toml).
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

use std::io::Write;
use std::path::Path;
use std::sync::{Arc, Mutex};

/// A `Write` sink the test can read back.
#[derive(Clone, Default)]
struct Sink(Arc<Mutex<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut v) = self.0.lock() {
            v.extend_from_slice(buf);
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn run(name: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/backend_data");
    let src = std::fs::read_to_string(dir.join(format!("{name}.erl"))).expect("source");
    let expected =
        std::fs::read_to_string(dir.join(format!("{name}.out"))).expect("expected output");
    let compiled = match krarup_compiler::compile(&src, &format!("{name}.erl")) {
        Ok(c) => c,
        Err(d) => panic!(
            "{}",
            krarup_compiler::diagnostics::render_short(&d, &src, name)
        ),
    };
    let sink = Sink::default();
    let mut rt = krarup_vm::runtime::Runtime::new(Box::new(sink.clone()));
    if let Err(e) = rt.load(compiled.module) {
        panic!("load: {}", e.message);
    }
    let value = match rt.call_and_render(name, "main") {
        Ok(v) => v.unwrap_or_default(),
        Err(u) => panic!("uncaught: {}", u.report),
    };
    let printed =
        String::from_utf8_lossy(&sink.0.lock().map(|v| v.clone()).unwrap_or_default()).to_string();
    let got = format!("{printed}{value}\n");
    assert_eq!(got, expected, "{name}: output differs from erl");
}

#[test]
fn matching() {
    run("bk_match");
}

#[test]
fn funs_and_comprehensions() {
    run("bk_funs");
}

#[test]
fn exceptions() {
    run("bk_errors");
}

#[test]
fn records_maps_binaries_messages() {
    run("bk_data");
}

#[test]
fn edge_cases() {
    run("bk_edge");
}

#[test]
fn scoping_guards_and_operators() {
    run("bk_more");
}

#[test]
fn evaluation_order_and_error_reasons() {
    run("bk_order");
}
