//! The driver behind the `krarup` binary: reads files, compiles or decodes them, loads them with
//! the embedded stdlib into a `Runtime`, and runs `main/0`. This crate is the only place that does
//! file-system IO; the compiler and VM receive text and bytes.
#![forbid(unsafe_code)]

mod host;
mod os;
pub mod program_args;
pub mod shell;
mod watch;
pub use os::unbuffered_stdout;
pub use program_args::ProgramArgs;
pub mod source;

use krarup_bytecode::module::Module;
use krarup_compiler::diagnostics::{render, render_short, Diagnostic, Severity};
use krarup_vm::runtime::Runtime;
use std::collections::{BTreeSet, HashMap};
use std::io::{ErrorKind, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// Exit status for a compile error, a load error or an uncaught exception in `main/0`.
pub const EXIT_FAILURE: i32 = 1;

/// A failure before or while running, already rendered for stderr.
#[derive(Debug)]
pub struct Failure {
    pub message: String,
}

/// Stack size of the thread the compiler runs on. Its passes recurse over the syntax tree, so a
/// long chain of right-associative operators (`A andalso B andalso ...`, `X = Y = ...`, `!`) nests
/// as deep as it is long: on the main thread's 8 MiB a chain of 10,000 `andalso` overflowed (an
/// abort, not an error); with this stack it compiles. Far longer chains (100,000) still need a
/// nesting limit in the compiler. The memory is reserved, not committed: only pages used are
/// touched.
pub const COMPILER_STACK_BYTES: usize = 256 << 20;

/// Runs `f` on a thread with a `COMPILER_STACK_BYTES` stack and returns its result, or the error
/// if the thread cannot be started. A panic in `f` is resumed on the caller.
pub fn on_big_stack<T: Send>(f: impl FnOnce() -> T + Send) -> std::io::Result<T> {
    std::thread::scope(|scope| {
        let handle = std::thread::Builder::new()
            .name("krarup-compiler".into())
            .stack_size(COMPILER_STACK_BYTES)
            .spawn_scoped(scope, f)?;
        Ok(handle
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    })
}

/// How compile errors and warnings are printed (`--error-format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ErrorFormat {
    /// Each diagnostic as a source excerpt with its labels and hint, then a count of errors.
    #[default]
    Excerpt,
    /// erlc's one-line form (`erlc +brief`): `file:line:col: message`, and
    /// `file:line:col: Warning: message`; for tools.
    Short,
}

/// Compiles one `.erl` file: `Ok((module, rendered warnings))`, or the rendered errors (and
/// warnings) as `Err`. The compiler runs on a thread with a large stack (`on_big_stack`).
pub fn compile_file(path: &Path) -> Result<(Module, String), Failure> {
    compile_file_as(path, ErrorFormat::Excerpt)
}

/// [`compile_file`], rendering diagnostics in `format`.
pub fn compile_file_as(path: &Path, format: ErrorFormat) -> Result<(Module, String), Failure> {
    on_big_stack(|| compile_file_here(path, format)).unwrap_or_else(|e| {
        Err(Failure {
            message: format!("krarup: cannot start the compiler thread: {e}\n"),
        })
    })
}

fn compile_file_here(path: &Path, format: ErrorFormat) -> Result<(Module, String), Failure> {
    let source = read_source(path)?;
    let name = path.display().to_string();
    let (result, bad_includes) = compile_text(path, &source, &name);
    match result {
        Ok(_) if !bad_includes.is_empty() => Err(Failure {
            message: bad_includes,
        }),
        Ok(compiled) => Ok((
            compiled.module,
            render_diagnostics(&compiled.warnings, &source, &name, format),
        )),
        Err(diags) => Err(Failure {
            message: bad_includes + &render_diagnostics(&diags, &source, &name, format),
        }),
    }
}

/// Compiles `source`, the text of the file `path` (shown as `name`), resolving its include files
/// next to it. Returns the result and the messages for include files that are not valid text.
fn compile_text(
    path: &Path,
    source: &str,
    name: &str,
) -> (Result<krarup_compiler::Compiled, Vec<Diagnostic>>, String) {
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    // Include files that are not valid text: reported after compiling, as the compiler's
    // resolver can only say "found" or "not found".
    let bad_includes = std::cell::RefCell::new(String::new());
    let resolve = |include: &str, lib: bool| {
        let (path, bytes) = find_include(&dir, include, lib)?;
        let shown = path.display().to_string();
        match source::decode(bytes, &shown) {
            Ok(text) => Some((shown, text)),
            Err(message) => {
                bad_includes.borrow_mut().push_str(&message);
                Some((shown, String::new()))
            }
        }
    };
    let result = krarup_compiler::compile_with(source, name, Some(&resolve));
    (result, bad_includes.into_inner())
}

/// Compiles `source` (the text of `path`, shown as `name`) for `compile:file/2`: the module and
/// its warnings, or every diagnostic. An include file that is not valid text is left empty (its
/// definitions then show up as errors).
fn compile_source(
    path: &Path,
    source: &str,
    name: &str,
) -> Result<(Module, Vec<Diagnostic>), Vec<Diagnostic>> {
    let (result, _bad_includes) = compile_text(path, source, name);
    result.map(|c| (c.module, c.warnings))
}

/// Whether diagnostics on stderr get ANSI colours: only on a terminal, and not when `NO_COLOR`
/// is set to a non-empty value (<https://no-color.org>).
pub fn stderr_color() -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    !no_color && std::io::stderr().is_terminal()
}

/// Finds the file of `-include(Path)` (and `-include_lib(Path)`, `lib`) as `epp` does for a
/// program outside any OTP application: relative to the including file's directory, then to the
/// current directory. `-include_lib("app/include/x.hrl")` also tries `include/x.hrl` in those,
/// and then the OTP include files krarup embeds (`krarup_stdlib::include_lib`, e.g.
/// `kernel/include/logger.hrl`), which stand where `code:lib_dir(App)` would lead `epp`.
/// Returns the path found and the file's bytes.
fn find_include(dir: &Path, include: &str, lib: bool) -> Option<(PathBuf, Vec<u8>)> {
    let mut candidates = vec![dir.join(include), PathBuf::from(include)];
    if lib {
        if let Some((_, rest)) = include.split_once('/') {
            candidates.push(dir.join(rest));
            candidates.push(PathBuf::from(rest));
        }
    }
    let on_disk = candidates
        .into_iter()
        .find_map(|p| std::fs::read(&p).ok().map(|bytes| (p, bytes)));
    on_disk.or_else(|| {
        let text = krarup_stdlib::include_lib(include).filter(|_| lib)?;
        Some((PathBuf::from(include), text.as_bytes().to_vec()))
    })
}

/// Renders a file's diagnostics for stderr in `format`.
fn render_diagnostics(
    diags: &[Diagnostic],
    source: &str,
    name: &str,
    format: ErrorFormat,
) -> String {
    if diags.is_empty() {
        return String::new();
    }
    if format == ErrorFormat::Short {
        return render_short(diags, source, name);
    }
    let mut out = render(diags, source, name, stderr_color());
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

/// The message for a file that cannot be read, with a hint when the user left out `.erl`.
pub fn cannot_read(path: &Path, e: &std::io::Error) -> String {
    let mut message = format!("krarup: cannot read {}: {e}\n", path.display());
    let with_erl = path.with_extension("erl");
    if e.kind() == ErrorKind::NotFound && path.extension().is_none() && with_erl.is_file() {
        message.push_str(&format!("krarup: did you mean {}?\n", with_erl.display()));
    }
    message
}

/// The text of a source file, decoded as `epp` does (`source::decode`: UTF-8, or Latin-1 when a
/// `coding: latin-1` comment says so); the failure is rendered for stderr.
pub fn read_source(path: &Path) -> Result<String, Failure> {
    let bytes = std::fs::read(path).map_err(|e| Failure {
        message: cannot_read(path, &e),
    })?;
    source::decode(bytes, &path.display().to_string()).map_err(|message| Failure { message })
}

/// Creates `krarup compile`'s output directory `out` if needed. The error, rendered for stderr,
/// names the file in the way when `out` or one of its parents is a file rather than a directory.
pub fn prepare_out_dir(out: &Path) -> Result<(), String> {
    if let Some(file) = out.ancestors().find(|p| p.is_file()) {
        let what = if file == out {
            format!("{} is a file", out.display())
        } else {
            format!("{} is a file, not a directory", file.display())
        };
        return Err(format!(
            "krarup: -o {}: {what}; -o names the directory for the .kbc files (it is created if \
             it does not exist)\n",
            out.display()
        ));
    }
    std::fs::create_dir_all(out).map_err(|e| {
        format!(
            "krarup: cannot create the output directory {}: {e}\n",
            out.display()
        )
    })
}

/// The directories of the program's files, first seen first (`.` for a bare file name): the
/// code path of `code:get_path/0`, where `application:load/1` looks for `.app` files.
fn program_dirs(paths: &[PathBuf]) -> Vec<String> {
    let mut dirs: Vec<String> = Vec::new();
    for p in paths {
        let dir = match p.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.display().to_string(),
            _ => ".".to_string(),
        };
        if !dirs.contains(&dir) {
            dirs.push(dir);
        }
    }
    dirs
}

/// Whether `path` names a bytecode file rather than Erlang source.
pub fn is_bytecode(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "kbc")
}

/// A runtime with the embedded stdlib loaded, writing program output to `stdout`.
pub fn new_runtime(stdout: Box<dyn Write + Send>) -> Result<Runtime, Failure> {
    let mut rt = Runtime::new(stdout);
    let _ = rt.shared().cpu_clock.set(os::cpu_time_ms);
    for (name, bytes) in krarup_stdlib::MODULES {
        let module = rt.load_bytes(bytes).map_err(|e| Failure {
            message: format!("krarup: embedded stdlib module {name} failed to load: {e}\n"),
        })?;
        rt.mark_sticky(&module);
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
    run_files_as(paths, stdout, stderr, schedulers, ErrorFormat::Excerpt)
}

/// `run_files_with`, printing compile diagnostics in `format`.
pub fn run_files_as(
    paths: &[PathBuf],
    stdout: Box<dyn Write + Send>,
    stderr: &mut dyn Write,
    schedulers: Option<usize>,
    format: ErrorFormat,
) -> i32 {
    let limits = Limits::default();
    run_files_limited(paths, stdout, stderr, schedulers, format, limits)
}

/// The system limits `krarup run` sets (`None`: BEAM's default).
#[derive(Debug, Clone, Copy, Default)]
pub struct Limits {
    /// `+P`: the most processes alive at once, as `krarup_vm::limits::process_limit_for` rounds
    /// it (`erlang:system_info(process_limit)`).
    pub processes: Option<usize>,
    /// `+t`: the most atoms (`erlang:system_info(atom_limit)`), in
    /// `krarup_vm::atom::ATOM_LIMIT_RANGE`.
    pub atoms: Option<usize>,
}

/// `run_files_as` with the process and atom limits in `limits`.
pub fn run_files_limited(
    paths: &[PathBuf],
    stdout: Box<dyn Write + Send>,
    stderr: &mut dyn Write,
    schedulers: Option<usize>,
    format: ErrorFormat,
    limits: Limits,
) -> i32 {
    run_files_with_path(paths, stdout, stderr, schedulers, format, limits, &[])
}

/// `run_files_limited` with `pa` (`krarup run -pa DIR`, as `erl -pa`) put before the program's
/// directories on the code path, where calls to modules not loaded find their `.kbc` files.
pub fn run_files_with_path(
    paths: &[PathBuf],
    stdout: Box<dyn Write + Send>,
    stderr: &mut dyn Write,
    schedulers: Option<usize>,
    format: ErrorFormat,
    limits: Limits,
    pa: &[String],
) -> i32 {
    let program = ProgramArgs::default();
    run_program(
        paths, stdout, stderr, schedulers, format, limits, pa, false, &program,
    )
}

/// `run_files_with_path` in watch mode (`krarup run --watch`): while `main/0` runs, each `.erl`
/// file among `paths` is watched, and when it changes it is recompiled and loaded into the
/// running program (`watch.rs`); diagnostics and reload reports go to the process's stderr.
pub fn run_files_watching(
    paths: &[PathBuf],
    stdout: Box<dyn Write + Send>,
    stderr: &mut dyn Write,
    schedulers: Option<usize>,
    format: ErrorFormat,
    limits: Limits,
    pa: &[String],
) -> i32 {
    let program = ProgramArgs::default();
    run_program(
        paths, stdout, stderr, schedulers, format, limits, pa, true, &program,
    )
}

/// `run_files_with_path` (or, with `watch`, `run_files_watching`) handing `program`'s arguments
/// to the program: `main/1` receives them as a list of strings when the first module exports it
/// (escript's convention), else `main/0` runs; `init:get_plain_arguments/0` returns
/// `program.plain_arguments()` either way. An escript-style run (`program.script`) fails with
/// status 127, as escript.
#[allow(clippy::too_many_arguments)]
pub fn run_files_with_args(
    paths: &[PathBuf],
    stdout: Box<dyn Write + Send>,
    stderr: &mut dyn Write,
    schedulers: Option<usize>,
    format: ErrorFormat,
    limits: Limits,
    pa: &[String],
    watch: bool,
    program: &ProgramArgs,
) -> i32 {
    run_program(
        paths, stdout, stderr, schedulers, format, limits, pa, watch, program,
    )
}

#[allow(clippy::too_many_arguments)]
fn run_program(
    paths: &[PathBuf],
    stdout: Box<dyn Write + Send>,
    stderr: &mut dyn Write,
    schedulers: Option<usize>,
    format: ErrorFormat,
    limits: Limits,
    pa: &[String],
    watch: bool,
    program: &ProgramArgs,
) -> i32 {
    let failure = program.failure_status();
    let mut modules: Vec<(&Path, Module)> = Vec::new();
    let mut failed = false;
    // Compile everything first so that all errors in all files are reported at once.
    for path in paths {
        let loaded = if is_bytecode(path) {
            read_bytecode(path)
        } else {
            compile_file_as(path, format).map(|(m, warnings)| {
                let _ = stderr.write_all(warnings.as_bytes());
                m
            })
        };
        match loaded {
            Ok(m) => modules.push((path, m)),
            Err(f) => {
                let _ = stderr.write_all(f.message.as_bytes());
                failed = true;
            }
        }
    }
    if failed {
        return failure;
    }
    let Some(first) = modules.first().map(|(_, m)| m.name.clone()) else {
        let _ = writeln!(stderr, "krarup: no input files");
        return failure;
    };
    if let Some(problem) = main_problem(modules[0].0, &modules[0].1) {
        let _ = stderr.write_all(problem.as_bytes());
        return failure;
    }
    let arity = program_args::entry_arity(&modules[0].1);
    let mut code_path: Vec<String> = pa.to_vec();
    code_path.extend(program_dirs(paths).into_iter().filter(|d| !pa.contains(d)));
    let rt = new_runtime(stdout).map(|mut rt| {
        let mut host = host::OsHost::new(code_path);
        host.plain_arguments = program.plain_arguments();
        let _ = rt.shared().host.set(Box::new(host));
        if let Some(n) = schedulers {
            rt.set_schedulers(n);
        }
        if let Some(n) = limits.processes {
            rt.shared().processes.set_limit(n);
        }
        if let Some(n) = limits.atoms {
            rt.shared().atoms.set_limit(n);
        }
        rt
    });
    let mut rt = match rt {
        Ok(rt) => rt,
        Err(f) => {
            let _ = stderr.write_all(f.message.as_bytes());
            return failure;
        }
    };
    let clashes = name_clashes(&modules, &reserved_module_names(&rt));
    if !clashes.is_empty() {
        let _ = stderr.write_all(clashes.concat().as_bytes());
        return failure;
    }
    for (_, m) in modules {
        if let Err(e) = rt.load(m) {
            let _ = writeln!(stderr, "krarup: {e}");
            return failure;
        }
    }
    let watcher = watch.then(|| watch::Watcher::start(rt.code_loader(), paths, format));
    let entry = match arity {
        Some(1) => rt.run_main_with_args(&first, "main", &program.args),
        _ => rt.run_main(&first, "main"),
    };
    let status = match entry {
        Ok(code) => code,
        Err(uncaught) => {
            let _ = stderr.write_all(uncaught.report.as_bytes());
            failure
        }
    };
    drop(watcher);
    // The program is over once main/0 returns (as after `erlang:halt()`): other processes are
    // not waited for, so the runtime is not torn down (stopping its threads and freeing every
    // heap); the OS reclaims it all when the binary exits. Output was flushed by `run_main`.
    std::mem::forget(rt);
    status
}

/// Compiles (or decodes) every file, reporting every error and warning on `stderr`; `None` if
/// any failed.
fn compile_all(
    paths: &[PathBuf],
    format: ErrorFormat,
    stderr: &mut dyn Write,
) -> Option<Vec<(PathBuf, Module)>> {
    let mut modules = Vec::new();
    let mut failed = false;
    // Compile everything first so that all errors in all files are reported at once.
    for path in paths {
        let loaded = if is_bytecode(path) {
            read_bytecode(path)
        } else {
            compile_file_as(path, format).map(|(m, warnings)| {
                let _ = stderr.write_all(warnings.as_bytes());
                m
            })
        };
        match loaded {
            Ok(m) => modules.push((path.clone(), m)),
            Err(f) => {
                let _ = stderr.write_all(f.message.as_bytes());
                failed = true;
            }
        }
    }
    (!failed).then_some(modules)
}

/// Loads the program's modules into `rt`, refusing names of krarup's own modules and names
/// given twice; `Err` carries the exit status after the message on `stderr`.
fn load_all(
    rt: &mut Runtime,
    modules: Vec<(PathBuf, Module)>,
    stderr: &mut dyn Write,
) -> Result<(), i32> {
    let named: Vec<(&Path, Module)> = modules
        .iter()
        .map(|(p, m)| (p.as_path(), m.clone()))
        .collect();
    let clashes = name_clashes(&named, &reserved_module_names(rt));
    if !clashes.is_empty() {
        let _ = stderr.write_all(clashes.concat().as_bytes());
        return Err(EXIT_FAILURE);
    }
    for (_, m) in modules {
        if let Err(e) = rt.load(m) {
            let _ = writeln!(stderr, "krarup: {e}");
            return Err(EXIT_FAILURE);
        }
    }
    Ok(())
}

/// Why `krarup run` cannot call `main/0` of `module` (read from `path`), with a hint: the report
/// `erl` would give (`undefined function M:main/0`) and what to change. `None` when `main/0` or
/// `main/1` (which receives the program's arguments) is exported.
pub fn main_problem(path: &Path, module: &Module) -> Option<String> {
    let name_of = |idx: krarup_bytecode::opcode::AtomIdx| {
        module.atoms.get(idx.0 as usize).map_or("", String::as_str)
    };
    let exported = |arity: u8| {
        module
            .exports
            .iter()
            .any(|e| name_of(e.function) == "main" && e.arity == arity)
    };
    if exported(0) || exported(1) {
        return None;
    }
    let m = &module.name;
    let defined_main = module
        .functions
        .iter()
        .any(|f| name_of(f.function) == "main" && f.arity == 0);
    let other_mains: Vec<String> = module
        .exports
        .iter()
        .filter(|e| name_of(e.function) == "main")
        .map(|e| format!("main/{}", e.arity))
        .collect();
    let help = if defined_main {
        format!("{m} defines main/0 but does not export it: add `-export([main/0]).`")
    } else if !other_mains.is_empty() {
        format!(
            "{m} exports {} but `krarup run` calls main/1 (with the program's arguments) or \
             main/0: add `main() -> ...` and export it",
            other_mains.join(", ")
        )
    } else {
        format!(
            "`krarup run` calls main/0 of the first file's module ({}): add \
             `main() -> ...` to {m} and `-export([main/0]).`, or put the file with main/0 first",
            path.display()
        )
    };
    Some(format!(
        "** exception error: undefined function {m}:main/0\n    help: {help}\n"
    ))
}

/// Names of the modules the runtime provides itself: the embedded stdlib and every module with
/// builtins (`erlang`, `math`, ...). A program's module may not take one of these names: loading
/// it would replace (or shadow parts of) the library every program relies on, where `erl` refuses
/// to load over its own modules ("sticky" directories).
pub fn reserved_module_names(rt: &Runtime) -> BTreeSet<String> {
    let atoms = &rt.shared().atoms;
    let mut names: BTreeSet<String> = krarup_stdlib::MODULES
        .iter()
        .map(|(name, _)| name.to_string())
        .collect();
    let mut natives = krarup_vm::native::NativeRegistry::default();
    krarup_vm::bif::register_all(&mut natives, atoms);
    let runtime_bifs = krarup_vm::code::runtime_bifs::all(atoms);
    let builtin_modules = natives
        .keys()
        .map(|&(m, _, _)| m)
        .chain(runtime_bifs.iter().map(|&((m, _, _), _)| m));
    names.extend(builtin_modules.map(|m| atoms.name(m).to_string()));
    names
}

/// One rendered error per program module that takes a `reserved` name or the name of an earlier
/// module in `modules`.
fn name_clashes(modules: &[(&Path, Module)], reserved: &BTreeSet<String>) -> Vec<String> {
    let mut seen: HashMap<&str, &Path> = HashMap::new();
    let mut errors = Vec::new();
    for (path, m) in modules {
        let name = m.name.as_str();
        if reserved.contains(name) {
            errors.push(format!(
                "krarup: {}: module '{name}' would replace krarup's own module of that name; \
                 rename the module (and its file)\n",
                path.display()
            ));
        } else if let Some(earlier) = seen.get(name) {
            errors.push(format!(
                "krarup: module '{name}' is given twice: {} and {}\n",
                earlier.display(),
                path.display()
            ));
        } else {
            seen.insert(name, path);
        }
    }
    errors
}

/// Standard output for a program run. After the first write error every later write fails too
/// (the program's `io` calls then raise `terminated`, as under `erl` once its `user` io server has
/// died of the failed write); the error is kept for a message at the end (`OutputErrors::take`).
pub struct CheckedWriter<W: Write> {
    inner: W,
    errors: OutputErrors,
}

/// The first error a `CheckedWriter` met, shared with whoever reports it.
#[derive(Clone, Default)]
pub struct OutputErrors(Arc<OutputState>);

#[derive(Default)]
struct OutputState {
    /// Set by the first failed write, never cleared: stdout stays failed.
    failed: AtomicBool,
    first: Mutex<Option<std::io::Error>>,
}

impl OutputErrors {
    /// The first write error, if any and worth a message (leaves none behind). A closed pipe is
    /// not: a reader that stopped early (`| head`) is not the program's fault, and the program
    /// already met it as `terminated`.
    pub fn take(&self) -> Option<std::io::Error> {
        let mut slot = self.0.first.lock().unwrap_or_else(|e| e.into_inner());
        slot.take().filter(|e| e.kind() != ErrorKind::BrokenPipe)
    }

    fn record(&self, e: &std::io::Error) -> std::io::Error {
        let mut slot = self.0.first.lock().unwrap_or_else(|e| e.into_inner());
        if !self.0.failed.swap(true, Ordering::SeqCst) {
            *slot = Some(std::io::Error::new(e.kind(), e.to_string()));
        }
        std::io::Error::new(e.kind(), e.to_string())
    }

    fn failed(&self) -> bool {
        self.0.failed.load(Ordering::SeqCst)
    }

    /// The error every write after the first failure returns.
    fn failed_before() -> std::io::Error {
        std::io::Error::other("standard output failed before")
    }
}

impl<W: Write> CheckedWriter<W> {
    /// Wraps `inner`; errors are recorded in the returned `OutputErrors`.
    pub fn new(inner: W) -> (CheckedWriter<W>, OutputErrors) {
        let errors = OutputErrors::default();
        let w = CheckedWriter {
            inner,
            errors: errors.clone(),
        };
        (w, errors)
    }
}

impl<W: Write> Write for CheckedWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.errors.failed() {
            return Err(OutputErrors::failed_before());
        }
        match self.inner.write(buf) {
            Err(e) if e.kind() == ErrorKind::Interrupted => Err(e),
            Err(e) => Err(self.errors.record(&e)),
            ok => ok,
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.errors.failed() {
            return Err(OutputErrors::failed_before());
        }
        self.inner.flush().map_err(|e| self.errors.record(&e))
    }
}

fn read_bytecode(path: &Path) -> Result<Module, Failure> {
    let bytes = std::fs::read(path).map_err(|e| Failure {
        message: cannot_read(path, &e),
    })?;
    krarup_bytecode::format::decode(&bytes).map_err(|e| Failure {
        message: format!(
            "krarup: {} is not a valid bytecode file: {e}\n",
            path.display()
        ),
    })
}
