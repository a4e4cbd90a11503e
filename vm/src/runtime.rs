//! The runtime: everything one running Erlang system owns — the shared state (atoms, stdout),
//! the builtins, and the process system (code table, processes, schedulers, timers) — and running
//! a main process to completion. Owns `run_main` and the uncaught-exception result; does not own
//! instruction semantics (`interp`), scheduling (`sched`) or loading (`code`). Nothing here is
//! global: a test can create two.

use crate::code::runtime_bifs;
use crate::code::table::{CodeTable, Target};
use crate::code::{self, LoadError};
use crate::native::{NativeRegistry, Shared};
use crate::process::Process;
use crate::sched::scheduler::{self, Schedulers};
use crate::sched::{MainOutcome, System};
use crate::term::Term;
use krarup_bytecode::format;
use krarup_bytecode::module::Module;
use std::fmt;
use std::io::Write;
use std::sync::Arc;

pub use crate::sched::scheduler::SLICE_REDUCTIONS;

/// The main process ended with an exception nobody caught (or the VM hit an internal error).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Uncaught {
    /// Erlang-shell-style report for stderr, ending in a newline.
    pub report: String,
}

impl fmt::Display for Uncaught {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.report)
    }
}

impl std::error::Error for Uncaught {}

/// How a main process finished without an uncaught exception.
enum Finished {
    /// It returned (the value rendered as `~w`) or exited with reason `normal`.
    Returned(String),
    /// Some process called `erlang:halt/0,1`.
    Halted(i32),
}

/// One Erlang system.
pub struct Runtime {
    shared: Arc<Shared>,
    natives: Arc<NativeRegistry>,
    sys: Arc<System>,
    /// Started at the first run; stopped (and joined) when the runtime is dropped.
    schedulers: Option<Schedulers>,
    n_schedulers: usize,
}

impl Runtime {
    /// A runtime whose `krarup_io:put_chars/1` writes to `stdout`, with one scheduler thread per
    /// core.
    pub fn new(stdout: Box<dyn Write + Send>) -> Runtime {
        let shared = Arc::new(Shared::new(stdout));
        let mut natives = NativeRegistry::default();
        crate::bif::register_all(&mut natives, &shared.atoms);
        let code = CodeTable::new(&natives, &runtime_bifs::all(&shared.atoms));
        let natives = Arc::new(natives);
        let _ = shared.hot.natives.set(natives.clone());
        let sys = System::new(shared.clone(), code);
        Runtime {
            shared,
            natives,
            sys,
            schedulers: None,
            n_schedulers: std::thread::available_parallelism().map_or(1, |n| n.get()),
        }
    }

    /// Sets the number of scheduler threads (`erl +S N`); takes effect if no process has run yet.
    pub fn set_schedulers(&mut self, n: usize) {
        self.n_schedulers = n.max(1);
    }

    /// The state shared with builtins (atom table, stdout).
    pub fn shared(&self) -> &Arc<Shared> {
        &self.shared
    }

    /// The process system.
    pub fn system(&self) -> &Arc<System> {
        &self.sys
    }

    /// A snapshot of the code table (loaded versions, export table).
    pub fn code(&self) -> Arc<CodeTable> {
        self.sys.code()
    }

    /// Verifies and loads `module`, making it the current version (a previous version becomes
    /// old code; frames and funs running it keep working).
    pub fn load(&mut self, module: Module) -> Result<(), LoadError> {
        let unique = self.shared.hot.next_unique();
        let loaded = code::load(&self.shared, &self.natives, module, unique)?;
        self.sys.update_code(|code| {
            if code.version_count() >= crate::process::MAX_VERSIONS {
                return Err(LoadError {
                    module: loaded.module.name.clone(),
                    message: "too many module versions loaded".into(),
                });
            }
            code.install(loaded);
            Ok(())
        })
    }

    /// Marks `module` sticky (`code:is_sticky/1`): the embedder does this for the embedded
    /// stdlib, which the code server then refuses to replace (OTP's `{error, sticky_directory}`).
    pub fn mark_sticky(&mut self, module: &str) {
        let m = self.shared.atoms.intern(module);
        self.shared
            .hot
            .sticky
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(m);
    }

    /// A handle that loads code into this runtime while it runs, from any thread (watch mode).
    pub fn code_loader(&self) -> crate::sched::loading::CodeLoader {
        crate::sched::loading::CodeLoader::new(self.sys.clone())
    }

    /// Decodes a bytecode file and loads it; returns the module name.
    pub fn load_bytes(&mut self, bytes: &[u8]) -> Result<String, LoadError> {
        let module = format::decode(bytes).map_err(|e| LoadError {
            module: String::new(),
            message: e.to_string(),
        })?;
        let name = module.name.clone();
        self.load(module)?;
        Ok(name)
    }

    /// Runs `module:function()` in a new process until it ends, with every process it spawns
    /// running alongside. `Ok(status)`: it returned (status 0), exited with reason `normal` (0),
    /// or some process called `erlang:halt/0,1` (its status). Standard output is flushed in
    /// every case. Like `erl -eval 'M:F(), erlang:halt().'`, other processes stop when it returns.
    pub fn run_main(&mut self, module: &str, function: &str) -> Result<i32, Uncaught> {
        Ok(match self.run_to_end(module, function, None)? {
            Finished::Returned(_) => 0,
            Finished::Halted(status) => status,
        })
    }

    /// `run_main` calling `module:function(Args)`, `Args` being `args` as a list of strings
    /// (code points): escript's `main/1` convention. An undefined `function/1` is reported as
    /// `run_main` reports an undefined `function/0`.
    pub fn run_main_with_args(
        &mut self,
        module: &str,
        function: &str,
        args: &[String],
    ) -> Result<i32, Uncaught> {
        Ok(match self.run_to_end(module, function, Some(args))? {
            Finished::Returned(_) => 0,
            Finished::Halted(status) => status,
        })
    }

    /// Runs `module:function()` like `run_main` and renders what it returned as `~w` would
    /// (`None` if it halted). For tests and the shell.
    pub fn call_and_render(
        &mut self,
        module: &str,
        function: &str,
    ) -> Result<Option<String>, Uncaught> {
        Ok(match self.run_to_end(module, function, None)? {
            Finished::Returned(text) => Some(text),
            Finished::Halted(_) => None,
        })
    }

    /// Starts `module:function()` as the main process without waiting for it (the shell, which
    /// feeds it input from the embedder's thread): its pid. `System::wait_main` then says how it
    /// ended; `System::hold_open` keeps it waiting for input from being taken for a deadlock.
    pub fn start_main(&mut self, module: &str, function: &str) -> Result<u64, Uncaught> {
        let m = self.shared.atoms.intern(module);
        let f = self.shared.atoms.intern(function);
        let Target::Code { version, pc } = self.sys.code().resolve(m, f, 0) else {
            return Err(Uncaught {
                report: format!("** exception error: undefined function {module}:{function}/0\n"),
            });
        };
        if self.schedulers.is_none() {
            self.schedulers = Some(scheduler::start(&self.sys, self.n_schedulers));
        }
        let pid = self.sys.new_pid();
        let mut process = Process::new(pid, version, pc, &[]);
        process.launcher_frames = true;
        process.trap_exit = true;
        self.sys.spawn_main(process);
        Ok(pid)
    }

    fn run_to_end(
        &mut self,
        module: &str,
        function: &str,
        args: Option<&[String]>,
    ) -> Result<Finished, Uncaught> {
        let result = self.run_inner(module, function, args);
        if let Ok(mut out) = self.shared.stdout.lock() {
            let _ = out.flush();
        }
        result
    }

    fn run_inner(
        &mut self,
        module: &str,
        function: &str,
        args: Option<&[String]>,
    ) -> Result<Finished, Uncaught> {
        let m = self.shared.atoms.intern(module);
        let f = self.shared.atoms.intern(function);
        let arity = u8::from(args.is_some());
        let Target::Code { version, pc } = self.sys.code().resolve(m, f, arity) else {
            return Err(Uncaught {
                report: format!(
                    "** exception error: undefined function {module}:{function}/{arity}\n"
                ),
            });
        };
        if self.schedulers.is_none() {
            self.schedulers = Some(scheduler::start(&self.sys, self.n_schedulers));
        }
        let mut process = Process::new(self.sys.new_pid(), version, pc, &[]);
        if let Some(args) = args {
            let strings: Vec<Term> = args.iter().map(|a| process.heap.string(a)).collect();
            let list = process.heap.list(&strings);
            process.saved_x = vec![list];
            process.live = 1;
        }
        process.launcher_frames = true;
        // The process `erl -noshell -eval` runs traps exits (it is linked to init).
        process.trap_exit = true;
        self.sys.spawn_main(process);
        match self.sys.wait_main() {
            MainOutcome::Returned(text) => Ok(Finished::Returned(text)),
            MainOutcome::Halted(status) => Ok(Finished::Halted(status)),
            MainOutcome::Uncaught(report) => Err(Uncaught { report }),
            MainOutcome::Deadlock => Err(Uncaught {
                report: "** deadlock: every process waits in receive and no timer can wake one\n"
                    .into(),
            }),
        }
    }
}
