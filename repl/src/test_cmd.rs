//! `krarup test [paths...]`: runs a project's EUnit tests, as `rebar3 eunit` does. Finds the
//! `.erl` files (given files; in a given directory its own, `src/` and `test/` files; by default
//! those of the current directory, `src/` and `test/`), compiles them all together with `TEST`
//! defined (as `erlc -DTEST`), loads them, and runs `eunit:test/2` on every module that has
//! tests (exports a `*_test/0` or `*_test_/0`) or whose `M_tests` module is among the files;
//! `M_tests` itself is left to `M` (EUnit runs it with `M`). Prints EUnit's report on stdout
//! and returns 0 when every test passed, 1 on a failed test or a compile error.

use crate::{
    compile_text, name_clashes, new_runtime, program_dirs, read_source, render_diagnostics,
    reserved_module_names, ErrorFormat, EXIT_FAILURE,
};
use krarup_bytecode::module::Module;
use krarup_compiler::diagnostics::Diagnostic;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The name of the generated module that calls `eunit:test/2`.
const DRIVER: &str = "krarup_test_main";

/// Runs the tests of `paths` (none: the current directory) and returns the exit status.
/// `verbose` is EUnit's `verbose` option. Diagnostics go to `stderr`, EUnit's report to `stdout`.
pub fn run_tests(
    paths: &[PathBuf],
    verbose: bool,
    stdout: Box<dyn Write + Send>,
    stderr: &mut dyn Write,
    format: ErrorFormat,
) -> i32 {
    let files = match find_files(paths) {
        Ok(files) => files,
        Err(message) => {
            let _ = stderr.write_all(message.as_bytes());
            return EXIT_FAILURE;
        }
    };
    let mut modules: Vec<(&Path, Module)> = Vec::new();
    let mut failed = false;
    for path in &files {
        match compile_for_test(path, format) {
            Ok((m, warnings)) => {
                let _ = stderr.write_all(warnings.as_bytes());
                modules.push((path, m));
            }
            Err(message) => {
                let _ = stderr.write_all(message.as_bytes());
                failed = true;
            }
        }
    }
    if failed {
        return EXIT_FAILURE;
    }
    let targets = test_targets(&modules);
    let driver = match compile_driver(&targets, verbose) {
        Ok(m) => m,
        Err(message) => {
            let _ = stderr.write_all(message.as_bytes());
            return EXIT_FAILURE;
        }
    };
    let mut rt = match new_runtime(stdout) {
        Ok(rt) => rt,
        Err(f) => {
            let _ = stderr.write_all(f.message.as_bytes());
            return EXIT_FAILURE;
        }
    };
    let _ = rt
        .shared()
        .host
        .set(Box::new(crate::host::OsHost::new(program_dirs(&files))));
    let clashes = name_clashes(&modules, &reserved_module_names(&rt));
    if !clashes.is_empty() {
        let _ = stderr.write_all(clashes.concat().as_bytes());
        return EXIT_FAILURE;
    }
    for m in modules.into_iter().map(|(_, m)| m).chain([driver]) {
        if let Err(e) = rt.load(m) {
            let _ = writeln!(stderr, "krarup: {e}");
            return EXIT_FAILURE;
        }
    }
    let status = match rt.run_main(DRIVER, "main") {
        Ok(code) => code,
        Err(uncaught) => {
            let _ = stderr.write_all(uncaught.report.as_bytes());
            EXIT_FAILURE
        }
    };
    // As `krarup run`: processes still running are not waited for.
    std::mem::forget(rt);
    status
}

/// The `.erl` files to test, in order, each once; an error message when there are none or a
/// path does not exist.
fn find_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let defaults = [PathBuf::from(".")];
    let given = if paths.is_empty() {
        &defaults[..]
    } else {
        paths
    };
    let mut files: Vec<PathBuf> = Vec::new();
    for p in given {
        if p.is_dir() {
            for dir in [p.clone(), p.join("src"), p.join("test")] {
                files.extend(erl_files_in(&dir));
            }
        } else if p.is_file() {
            files.push(p.clone());
        } else {
            return Err(format!(
                "krarup test: {} is neither a file nor a directory\n",
                p.display()
            ));
        }
    }
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| seen.insert(f.canonicalize().unwrap_or_else(|_| f.clone())));
    if files.is_empty() {
        let shown: Vec<String> = given.iter().map(|p| p.display().to_string()).collect();
        return Err(format!(
            "krarup test: no .erl files in {} (nor in its src/ and test/ directories)\n",
            shown.join(", ")
        ));
    }
    Ok(files)
}

/// The `.erl` files directly in `dir`, sorted by name (none if it is not a directory).
fn erl_files_in(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "erl"))
        // `x.erl`, not `./x.erl`, for the current directory's files, as `krarup run x.erl`.
        .map(|p| p.strip_prefix(".").map(Path::to_path_buf).unwrap_or(p))
        .collect();
    files.sort();
    files
}

/// What `compile_for_test` puts before a file's text: `-DTEST` as a definition on the first
/// line, so line numbers stay those of the file.
const DEFINE_TEST: &str = "-define(TEST, true). ";

/// Compiles `path` with the macro `TEST` defined, as `erlc -DTEST` (rebar3's test profile).
/// Diagnostics are moved back onto the file's own text before they are rendered.
fn compile_for_test(path: &Path, format: ErrorFormat) -> Result<(Module, String), String> {
    let original = read_source(path).map_err(|f| f.message)?;
    let source = format!("{DEFINE_TEST}{original}");
    let name = path.display().to_string();
    let (result, bad_includes) = crate::on_big_stack(|| compile_text(path, &source, &name))
        .map_err(|e| format!("krarup: cannot start the compiler thread: {e}\n"))?;
    let render = |mut diags: Vec<Diagnostic>| {
        let shift = DEFINE_TEST.len() as u32;
        for d in diags.iter_mut().filter(|d| d.file.is_none()) {
            d.span.start = d.span.start.saturating_sub(shift);
            d.span.end = d.span.end.saturating_sub(shift);
        }
        render_diagnostics(&diags, &original, &name, format)
    };
    match result {
        Ok(_) if !bad_includes.is_empty() => Err(bad_includes),
        Ok(compiled) => Ok((compiled.module, render(compiled.warnings))),
        Err(diags) => Err(bad_includes + &render(diags)),
    }
}

/// The modules to give `eunit:test/2`, in file order: those with test functions, and those
/// whose `M_tests` is loaded; `M_tests` is dropped when `M` is there (EUnit adds it to `M`).
fn test_targets(modules: &[(&Path, Module)]) -> Vec<String> {
    let names: Vec<&str> = modules.iter().map(|(_, m)| m.name.as_str()).collect();
    let has_tests = |m: &Module| {
        m.exports.iter().any(|e| {
            let name = m
                .atoms
                .get(e.function.0 as usize)
                .map_or("", String::as_str);
            e.arity == 0 && (name.ends_with("_test") || name.ends_with("_test_"))
        })
    };
    modules
        .iter()
        .map(|(_, m)| m)
        .filter(|m| has_tests(m) || names.contains(&format!("{}_tests", m.name).as_str()))
        .filter(|m| match m.name.strip_suffix("_tests") {
            Some(base) => !names.contains(&base),
            None => true,
        })
        .map(|m| m.name.clone())
        .collect()
}

/// `krarup_test_main:main/0`, which runs EUnit on `targets` and halts with status 1 unless
/// every test passed.
fn compile_driver(targets: &[String], verbose: bool) -> Result<Module, String> {
    let quoted: Vec<String> = targets.iter().map(|t| quote_atom(t)).collect();
    let options = if verbose { "[verbose]" } else { "[]" };
    let source = format!(
        "-module({DRIVER}).\n-export([main/0]).\n\
         main() ->\n    case eunit:test([{}], {options}) of\n        ok -> ok;\n        \
         _ -> erlang:halt(1)\n    end.\n",
        quoted.join(", ")
    );
    krarup_compiler::compile(&source, "krarup_test_main")
        .map(|c| c.module)
        .map_err(|_| "krarup test: internal error: the test driver did not compile\n".into())
}

/// `name` as a quoted atom in Erlang source.
fn quote_atom(name: &str) -> String {
    let mut out = String::from("'");
    for c in name.chars() {
        match c {
            '\'' => out.push_str("\\'"),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

#[cfg(test)]
mod tests {
    use super::quote_atom;

    #[test]
    fn quotes_atoms() {
        assert_eq!(quote_atom("m"), "'m'");
        assert_eq!(quote_atom("it's"), "'it\\'s'");
    }
}
