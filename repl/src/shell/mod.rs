//! The interactive shell (`krarup`, `krarup shell FILES`, `krarup run --shell`): a VM that keeps
//! running, an Erlang shell process that evaluates forms, and a frontend that reads them.
//!
//! The core (this file) starts the VM with the program's modules and `shell:start_krarup/0`
//! (stdlib/erl/shell.erl) as its main process, reads input through a [`frontend::Frontend`],
//! splits it into forms with the compiler's lexer and sends each to the shell process as the
//! message `{krarup_shell, eval, Text, Width}`. The shell process compiles the form (through
//! `Host::compile_shell_form`), runs it in its evaluator and answers through
//! `krarup_shell:reply/1`, which arrives here as [`ShellEvent`]s: text to show, then `Done`.
//! docs/shell.md describes the design.

pub mod frontend;
pub mod piped;
pub mod tty;

use crate::host::OsHost;
use crate::{ErrorFormat, Limits, EXIT_FAILURE};
use frontend::{Frontend, Interrupt, Prompt, Read, ShellState, Shown};
use krarup_vm::host::ShellEvent;
use krarup_vm::runtime::Runtime;
use krarup_vm::sched::{MainOutcome, System};
use krarup_vm::signal::{Message, Signal};
use krarup_vm::term::Term;
use std::io::Write;
use std::path::PathBuf;
use std::sync::mpsc::{channel, Receiver};
use std::sync::{Arc, Mutex};

/// What `krarup shell` (or `krarup run --shell`) starts with.
#[derive(Debug, Clone, Default)]
pub struct ShellOptions {
    /// Source (.erl) or bytecode (.kbc) files compiled and loaded before the first prompt.
    pub files: Vec<PathBuf>,
    /// Run `main/0` of the first file's module before the first prompt (`krarup run --shell`).
    pub run_main: bool,
    /// Scheduler threads (`None`: one per core).
    pub schedulers: Option<usize>,
    /// How compile errors of `files` are printed.
    pub format: ErrorFormat,
    /// Process and atom limits.
    pub limits: Limits,
    /// Directories put first on the code path (`-pa`).
    pub pa: Vec<String>,
}

/// What the core waits for.
enum Event {
    /// From the shell process.
    Shell(ShellEvent),
    /// The shell's main process ended (`q()`, `halt()`, or a crash of the shell itself).
    Ended(MainOutcome),
}

/// The completion snapshot the frontend reads (`ShellState`).
struct State {
    system: Arc<System>,
    bound: Mutex<Vec<String>>,
    records: Mutex<Vec<(String, Vec<String>)>>,
}

impl ShellState for State {
    fn bound_variables(&self) -> Vec<String> {
        self.bound.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn records(&self) -> Vec<(String, Vec<String>)> {
        self.records
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn modules(&self) -> Vec<String> {
        let code = self.system.code();
        let atoms = &self.system.shared.atoms;
        let mut names: Vec<String> = code
            .current_modules()
            .into_iter()
            .map(|(m, _)| m)
            .chain(code.builtin_modules())
            .map(|m| atoms.name(m).to_string())
            .filter(|n| !n.starts_with("$shell_"))
            .collect();
        names.sort();
        names.dedup();
        names
    }

    fn exports(&self, module: &str) -> Vec<(String, u8)> {
        let atoms = &self.system.shared.atoms;
        let Some(m) = atoms.lookup(module) else {
            return Vec::new();
        };
        let mut out: Vec<(String, u8)> = self
            .system
            .code()
            .exports_of(m)
            .into_iter()
            .map(|(f, a)| (atoms.name(f).to_string(), a))
            .collect();
        out.sort();
        out.dedup();
        out
    }

    fn commands(&self) -> Vec<(String, u8)> {
        COMMANDS.iter().map(|&(n, a)| (n.to_string(), a)).collect()
    }
}

/// The shell's own commands (shell.erl's `local_func/2`), for completion.
const COMMANDS: &[(&str, u8)] = &[
    ("b", 0),
    ("catch_exception", 1),
    ("e", 1),
    ("f", 0),
    ("f", 1),
    ("h", 0),
    ("history", 1),
    ("results", 1),
    ("rd", 2),
    ("rf", 0),
    ("rf", 1),
    ("rl", 0),
    ("rl", 1),
    ("rp", 1),
    ("rr", 1),
    ("rr", 2),
    ("v", 1),
];

/// Runs a shell session with `frontend` until the input ends or the shell is left (`q()`,
/// `halt/0,1`). Compile errors of the files and reports go to `stderr`. Returns the exit status:
/// that of `halt/1`, else 1 if any form raised an exception (piped sessions; see spec.md),
/// else 0.
pub fn run(options: &ShellOptions, frontend: &mut dyn Frontend, stderr: &mut dyn Write) -> i32 {
    let modules = match crate::compile_all(&options.files, options.format, stderr) {
        Some(m) => m,
        None => return EXIT_FAILURE,
    };
    let first = modules.first().map(|(_, m)| m.name.clone());
    if options.run_main {
        let Some((path, module)) = modules.first() else {
            let _ = writeln!(stderr, "krarup: no input files");
            return EXIT_FAILURE;
        };
        if let Some(problem) = crate::main_problem(path, module) {
            let _ = stderr.write_all(problem.as_bytes());
            return EXIT_FAILURE;
        }
    }
    let (tx, rx) = channel::<Event>();
    let mut code_path: Vec<String> = options.pa.clone();
    code_path.extend(
        crate::program_dirs(&options.files)
            .into_iter()
            .filter(|d| !options.pa.contains(d)),
    );
    if code_path.is_empty() {
        code_path.push(".".into());
    }
    let host = OsHost::new(code_path);
    {
        let tx = tx.clone();
        *host.shell_events.lock().unwrap_or_else(|e| e.into_inner()) = Some(Box::new(move |e| {
            let _ = tx.send(Event::Shell(e));
        }));
    }
    let mut rt = match crate::new_runtime(frontend.output()) {
        Ok(rt) => rt,
        Err(f) => {
            let _ = stderr.write_all(f.message.as_bytes());
            return EXIT_FAILURE;
        }
    };
    let _ = rt.shared().host.set(Box::new(host));
    if let Some(n) = options.schedulers {
        rt.set_schedulers(n);
    }
    if let Some(n) = options.limits.processes {
        rt.shared().processes.set_limit(n);
    }
    if let Some(n) = options.limits.atoms {
        rt.shared().atoms.set_limit(n);
    }
    if let Err(status) = crate::load_all(&mut rt, modules, stderr) {
        return status;
    }
    let mut failed = false;
    if let (true, Some(first)) = (options.run_main, first) {
        match rt.run_main(&first, "main") {
            Ok(0) => {}
            Ok(status) => return status,
            Err(uncaught) => {
                let _ = stderr.write_all(uncaught.report.as_bytes());
                failed = true;
            }
        }
    }
    let status = session(&mut rt, frontend, tx, rx, stderr).max(i32::from(failed));
    // As `krarup run`: the VM is not torn down (its processes may still run); the OS reclaims it.
    std::mem::forget(rt);
    status
}

fn session(
    rt: &mut Runtime,
    frontend: &mut dyn Frontend,
    tx: std::sync::mpsc::Sender<Event>,
    rx: Receiver<Event>,
    stderr: &mut dyn Write,
) -> i32 {
    let system = rt.system().clone();
    system.hold_open(true);
    let pid = match rt.start_main("shell", "start_krarup") {
        Ok(pid) => pid,
        Err(e) => {
            let _ = stderr.write_all(e.report.as_bytes());
            return EXIT_FAILURE;
        }
    };
    {
        let system = system.clone();
        let spawned = std::thread::Builder::new()
            .name("krarup-shell-wait".into())
            .spawn(move || {
                let _ = tx.send(Event::Ended(system.wait_main()));
            });
        if let Err(e) = spawned {
            let _ = writeln!(stderr, "krarup: cannot start the shell: {e}");
            return EXIT_FAILURE;
        }
    }
    let state = Arc::new(State {
        system: system.clone(),
        bound: Mutex::new(Vec::new()),
        records: Mutex::new(Vec::new()),
    });
    let interrupt = {
        let system = system.clone();
        Interrupt(Arc::new(move || post(&system, pid, |_| None)))
    };
    frontend.attach(state, interrupt);
    let mut number = 1u64;
    let mut any_failed = false;
    let mut pending = String::new();
    loop {
        let prompt = Prompt {
            number,
            text: format!("{number}> "),
        };
        let text = match frontend.read(&prompt) {
            Read::Eof => break,
            Read::Text(t) => std::mem::take(&mut pending) + &t,
        };
        let (forms, rest) = krarup_compiler::shell::split_forms(&text);
        pending = rest.unwrap_or_default();
        for (i, form) in forms.iter().enumerate() {
            if i > 0 {
                frontend.echo_after(
                    &Prompt {
                        number,
                        text: format!("{number}> "),
                    },
                    form.trim_start(),
                );
            }
            let width = frontend.width();
            post(&system, pid, |heap| {
                let bin = heap.binary(form.as_bytes());
                Some((bin, width))
            });
            loop {
                match rx.recv() {
                    Ok(Event::Shell(ShellEvent::Show { error, text })) => {
                        let kind = if error { Shown::Error } else { Shown::Result };
                        frontend.show(kind, &text);
                    }
                    Ok(Event::Shell(ShellEvent::Done { prompt, failed })) => {
                        number = prompt;
                        any_failed |= failed;
                        break;
                    }
                    Ok(Event::Ended(outcome)) => return ended(outcome, stderr),
                    Err(_) => return EXIT_FAILURE,
                }
            }
        }
    }
    i32::from(any_failed)
}

/// The exit status after the shell's main process ended.
fn ended(outcome: MainOutcome, stderr: &mut dyn Write) -> i32 {
    match outcome {
        MainOutcome::Halted(status) => status,
        MainOutcome::Returned(_) => 0,
        MainOutcome::Uncaught(report) => {
            let _ = stderr.write_all(report.as_bytes());
            EXIT_FAILURE
        }
        MainOutcome::Deadlock => EXIT_FAILURE,
    }
}

/// Sends the shell process `{krarup_shell, eval, Text, Width}` (`build` gives the text and the
/// width) or, when `build` gives `None`, `{krarup_shell, interrupt}`.
fn post(
    system: &System,
    pid: u64,
    build: impl FnOnce(&mut krarup_vm::heap::Heap) -> Option<(Term, usize)>,
) {
    let atoms = &system.shared.atoms;
    let tag = Term::atom(atoms.intern("krarup_shell"));
    let eval = Term::atom(atoms.intern("eval"));
    let interrupt = Term::atom(atoms.intern("interrupt"));
    let msg = Message::build(|heap| match build(heap) {
        Some((text, width)) => {
            let width = Term::small(width.min(1 << 20) as i64);
            heap.tuple(&[tag, eval, text, width])
        }
        None => heap.tuple(&[tag, interrupt]),
    });
    system.post(0, pid, Signal::Message(msg), None);
}
