//! The driver behind the `krarup` binary: reads files, compiles or decodes them, loads them with
//! the embedded stdlib into a `Runtime`, and runs `main/0`. This crate is the only place that does
//! file-system IO; the compiler and VM receive text and bytes.

use krarup_compiler::diagnostics::{render, Diagnostic, Severity};
use krarup_vm::bytecode::module::Module;
use krarup_vm::runtime::Runtime;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Exit status for a compile error, a load error or an uncaught exception in `main/0`.
pub const EXIT_FAILURE: i32 = 1;

/// A failure before or while running, already rendered for stderr.
#[derive(Debug)]
pub struct Failure {
    pub message: String,
}

/// Compiles one `.erl` file: `Ok((module, rendered warnings))`, or the rendered errors (and
/// warnings) as `Err`.
pub fn compile_file(path: &Path) -> Result<(Module, String), Failure> {
    let source = read_source(path)?;
    let name = path.display().to_string();
    let color = std::io::stderr().is_terminal();
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let resolve = |include: &str, lib: bool| resolve_include(&dir, include, lib);
    match krarup_compiler::compile_with(&source, &name, Some(&resolve)) {
        Ok(compiled) => Ok((
            compiled.module,
            render_all(&compiled.warnings, &source, &name, color),
        )),
        Err(diags) => Err(Failure {
            message: render_all(&diags, &source, &name, color),
        }),
    }
}

/// Finds the text of `-include(Path)` (and `-include_lib(Path)`, `lib`) as `epp` does for a
/// program outside any OTP application: relative to the including file's directory, then to the
/// current directory. `-include_lib("app/include/x.hrl")` also tries `include/x.hrl` in those.
fn resolve_include(dir: &Path, include: &str, lib: bool) -> Option<String> {
    let mut candidates = vec![dir.join(include), PathBuf::from(include)];
    if lib {
        if let Some((_, rest)) = include.split_once('/') {
            candidates.push(dir.join(rest));
            candidates.push(PathBuf::from(rest));
        }
    }
    candidates
        .into_iter()
        .find_map(|p| std::fs::read_to_string(p).ok())
}

fn render_all(diags: &[Diagnostic], source: &str, name: &str, color: bool) -> String {
    if diags.is_empty() {
        return String::new();
    }
    let mut out = render(diags, source, name, color);
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    if errors > 0 {
        out.push_str(&format!(
            "{name}: {errors} error{} found\n",
            if errors == 1 { "" } else { "s" }
        ));
    }
    out
}

fn read_source(path: &Path) -> Result<String, Failure> {
    let bytes = std::fs::read(path).map_err(|e| Failure {
        message: format!("krarup: cannot read {}: {e}\n", path.display()),
    })?;
    String::from_utf8(bytes).map_err(|e| Failure {
        message: format!(
            "krarup: {} is not UTF-8 text (invalid byte at offset {})\n",
            path.display(),
            e.utf8_error().valid_up_to()
        ),
    })
}

/// Whether `path` names a bytecode file rather than Erlang source.
pub fn is_bytecode(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "kbc")
}

/// A runtime with the embedded stdlib loaded, writing program output to `stdout`.
pub fn new_runtime(stdout: Box<dyn Write + Send>) -> Result<Runtime, Failure> {
    let mut rt = Runtime::new(stdout);
    for (name, bytes) in krarup_stdlib::MODULES {
        rt.load_bytes(bytes).map_err(|e| Failure {
            message: format!("krarup: embedded stdlib module {name} failed to load: {e}\n"),
        })?;
    }
    Ok(rt)
}

/// Compiles (or decodes) every file, loads them, and runs `main/0` of the first.
/// Diagnostics and reports go to `stderr`; returns the process exit status.
pub fn run_files(paths: &[PathBuf], stdout: Box<dyn Write + Send>, stderr: &mut dyn Write) -> i32 {
    run_files_with(paths, stdout, stderr, None)
}

/// `run_files` with `schedulers` scheduler threads (`None`: one per core).
pub fn run_files_with(
    paths: &[PathBuf],
    stdout: Box<dyn Write + Send>,
    stderr: &mut dyn Write,
    schedulers: Option<usize>,
) -> i32 {
    let mut modules = Vec::new();
    let mut failed = false;
    // Compile everything first so that all errors in all files are reported at once.
    for path in paths {
        let loaded = if is_bytecode(path) {
            read_bytecode(path)
        } else {
            compile_file(path).map(|(m, warnings)| {
                let _ = stderr.write_all(warnings.as_bytes());
                m
            })
        };
        match loaded {
            Ok(m) => modules.push(m),
            Err(f) => {
                let _ = stderr.write_all(f.message.as_bytes());
                failed = true;
            }
        }
    }
    if failed {
        return EXIT_FAILURE;
    }
    let Some(first) = modules.first().map(|m| m.name.clone()) else {
        let _ = writeln!(stderr, "krarup: no input files");
        return EXIT_FAILURE;
    };
    let rt = new_runtime(stdout).map(|mut rt| {
        if let Some(n) = schedulers {
            rt.set_schedulers(n);
        }
        rt
    });
    let mut rt = match rt {
        Ok(rt) => rt,
        Err(f) => {
            let _ = stderr.write_all(f.message.as_bytes());
            return EXIT_FAILURE;
        }
    };
    for m in modules {
        if let Err(e) = rt.load(m) {
            let _ = writeln!(stderr, "krarup: {e}");
            return EXIT_FAILURE;
        }
    }
    let status = match rt.run_main(&first, "main") {
        Ok(code) => code,
        Err(uncaught) => {
            let _ = stderr.write_all(uncaught.report.as_bytes());
            EXIT_FAILURE
        }
    };
    // The program is over once main/0 returns (as after `erlang:halt()`): other processes are
    // not waited for, so the runtime is not torn down (stopping its threads and freeing every
    // heap); the OS reclaims it all when the binary exits. Output was flushed by `run_main`.
    std::mem::forget(rt);
    status
}

fn read_bytecode(path: &Path) -> Result<Module, Failure> {
    let bytes = std::fs::read(path).map_err(|e| Failure {
        message: format!("krarup: cannot read {}: {e}\n", path.display()),
    })?;
    krarup_vm::bytecode::format::decode(&bytes).map_err(|e| Failure {
        message: format!(
            "krarup: {} is not a valid bytecode file: {e}\n",
            path.display()
        ),
    })
}
