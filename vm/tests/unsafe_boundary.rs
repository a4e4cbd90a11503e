//! Guards the unsafe boundary of `docs/gc.md` ("Where unsafe code lives") by scanning the VM's
//! sources: `unsafe` appears only in the listed modules, never in the builtins, the scheduler or
//! the map operations, and no function hands out a `'static` view of a heap.
// The test reads the VM's sources from disk; the crate itself does no file access (clippy.toml).
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

use std::path::{Path, PathBuf};

/// Modules that may hold `unsafe` code, relative to `vm/src` (the list in `docs/gc.md`). A
/// directory entry ends in `/` and covers every file below it.
const ALLOWED: &[&str] = &[
    "term.rs",
    "heap.rs",
    "gc.rs",
    "gc_tests.rs",
    "copy.rs",
    "copy_tests.rs",
    "process.rs",
    "code/mod.rs",
    "interp/dispatch.rs",
    "interp/data.rs",
    "ops/binary.rs",
    "cmath.rs",
];

/// Code that builds or reads heap objects only through `Heap` and `Term` methods: no `unsafe`
/// at all here.
const FORBIDDEN: &[&str] = &["bif/", "sched/", "ops/map.rs", "ops/hamt.rs"];

/// Exceptions inside `FORBIDDEN`, as (file, number of lines with `unsafe`). None today: the
/// reference and export-fun builders live on `Heap`.
const EXCEPTIONS: &[(&str, usize)] = &[];

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file below `dir`, as paths relative to `vm/src` with `/` separators.
fn rust_files(dir: &Path, out: &mut Vec<String>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            let rel = path.strip_prefix(src_dir()).expect("below src");
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}

/// Numbers (1-based) of the lines of `text` whose code, outside `//` comments, uses the
/// `unsafe` keyword.
fn unsafe_lines(text: &str) -> Vec<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| {
            let code = line.split("//").next().unwrap_or("");
            code.split(|c: char| !c.is_alphanumeric() && c != '_')
                .any(|w| w == "unsafe")
        })
        .map(|(i, _)| i + 1)
        .collect()
}

fn covered(list: &[&str], file: &str) -> bool {
    list.iter().any(|e| {
        if e.ends_with('/') {
            file.starts_with(e)
        } else {
            file == *e
        }
    })
}

fn sources() -> Vec<(String, String)> {
    let mut files = Vec::new();
    rust_files(&src_dir(), &mut files);
    assert!(files.len() > 50, "found only {} source files", files.len());
    files
        .into_iter()
        .map(|f| {
            let text = std::fs::read_to_string(src_dir().join(&f)).expect("readable source");
            (f, text)
        })
        .collect()
}

#[test]
fn unsafe_code_stays_in_the_listed_modules() {
    let mut wrong = Vec::new();
    for (file, text) in sources() {
        let lines = unsafe_lines(&text);
        if lines.is_empty() {
            continue;
        }
        if covered(FORBIDDEN, &file) {
            let allowed = EXCEPTIONS.iter().find(|(f, _)| *f == file).map(|e| e.1);
            if allowed != Some(lines.len()) {
                wrong.push(format!(
                    "vm/src/{file}: `unsafe` on lines {lines:?}; builtins, the scheduler and the \
                     map operations build terms through `Heap` methods (allowed exceptions: \
                     {EXCEPTIONS:?})"
                ));
            }
        } else if !covered(ALLOWED, &file) {
            wrong.push(format!(
                "vm/src/{file}: `unsafe` on lines {lines:?}, but the module is not in the list \
                 of docs/gc.md (\"Where unsafe code lives\") and of this test's ALLOWED"
            ));
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

#[test]
fn exceptions_are_still_needed() {
    // An exception whose `unsafe` is gone must leave the list, so it cannot hide a new one.
    let all = sources();
    for (file, count) in EXCEPTIONS {
        let text = &all
            .iter()
            .find(|(f, _)| f == file)
            .expect("listed file exists")
            .1;
        assert_eq!(unsafe_lines(text).len(), *count, "vm/src/{file}");
    }
}

#[test]
fn no_static_views_of_a_heap() {
    let mut wrong = Vec::new();
    for (file, text) in sources() {
        for (i, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if ["'static [Term]", "'static Term", "'static [u8]"]
                .iter()
                .any(|v| code.contains(v))
            {
                wrong.push(format!("vm/src/{file}:{}: {}", i + 1, line.trim()));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "'static views of a movable heap:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_scanner_sees_unsafe_code_and_skips_comments() {
    let text = "// unsafe in a comment\nlet x = unsafe { f() }; // SAFETY: ...\nunsafe_op();\n";
    assert_eq!(unsafe_lines(text), vec![2]);
}
