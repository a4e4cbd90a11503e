//! The runtime: everything one running Erlang system owns — the shared state (atoms, stdout),
//! the builtins, the code table and the processes — and the loop that runs the main process to
//! completion. Owns `run_main` and the uncaught-exception result; does not own instruction
//! semantics (`interp`) or loading (`code`). Nothing here is global: a test can create two.

use crate::bytecode::format;
use crate::bytecode::module::Module;
use crate::code::{self, LoadError};
use crate::interp::code_table::{CodeTable, Target};
use crate::interp::{run_slice, runtime_bifs, Ctx, ExitReason, SliceOutcome};
use crate::native::{Class, NativeRegistry, Shared};
use crate::process::Process;
use crate::report;
use crate::term::Term;
use std::fmt;
use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;
use std::time::Duration;

/// Reductions per slice (BEAM's `CONTEXT_REDS`).
pub const SLICE_REDUCTIONS: usize = 4000;

/// The pid number of the first process (`<0.9.0>`, as `erl -eval` shows it).
const FIRST_PID: u64 = 9;

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
    /// It called `erlang:halt/0,1`.
    Halted(i32),
}

/// One Erlang system.
pub struct Runtime {
    shared: Arc<Shared>,
    natives: NativeRegistry,
    code: CodeTable,
    next_pid: u64,
    next_unique: u64,
}

impl Runtime {
    /// A runtime whose `krarup_io:put_chars/1` writes to `stdout`.
    pub fn new(stdout: Box<dyn Write + Send>) -> Runtime {
        let shared = Arc::new(Shared::new(stdout));
        let mut natives = NativeRegistry::default();
        crate::bif::register_all(&mut natives, &shared.atoms);
        let code = CodeTable::new(&natives, &runtime_bifs::all(&shared.atoms));
        Runtime {
            shared,
            natives,
            code,
            next_pid: FIRST_PID,
            next_unique: 1,
        }
    }

    /// The state shared with builtins (atom table, stdout).
    pub fn shared(&self) -> &Arc<Shared> {
        &self.shared
    }

    /// The code table (loaded versions, export table).
    pub fn code(&self) -> &CodeTable {
        &self.code
    }

    /// Verifies and loads `module`, making it the current version (a previous version becomes
    /// old code; frames and funs running it keep working).
    pub fn load(&mut self, module: Module) -> Result<(), LoadError> {
        let unique = self.next_unique;
        self.next_unique += 1;
        let loaded = code::load(&self.shared, &self.natives, module, unique)?;
        self.code.install(loaded);
        Ok(())
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

    /// Runs `module:function()` in a new process until it ends. `Ok(status)`: it returned
    /// (status 0), exited with reason `normal` (0), or called `erlang:halt/0,1` (its status).
    /// Standard output is flushed in every case.
    pub fn run_main(&mut self, module: &str, function: &str) -> Result<i32, Uncaught> {
        Ok(match self.run_to_end(module, function)? {
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
        Ok(match self.run_to_end(module, function)? {
            Finished::Returned(text) => Some(text),
            Finished::Halted(_) => None,
        })
    }

    fn run_to_end(&mut self, module: &str, function: &str) -> Result<Finished, Uncaught> {
        let result = self.run_inner(module, function);
        if let Ok(mut out) = self.shared.stdout.lock() {
            let _ = out.flush();
        }
        result
    }

    fn run_inner(&mut self, module: &str, function: &str) -> Result<Finished, Uncaught> {
        let m = self.shared.atoms.intern(module);
        let f = self.shared.atoms.intern(function);
        let Target::Code { version, pc } = self.code.resolve(m, f, 0) else {
            return Err(Uncaught {
                report: format!("** exception error: undefined function {module}:{function}/0\n"),
            });
        };
        let pid = self.next_pid;
        self.next_pid += 1;
        let mut process = Process::new(pid, version, pc, &[]);
        process.launcher_frames = true;
        let mut x = crate::interp::new_xregs();
        loop {
            let ctx = Ctx {
                shared: &self.shared,
                code: &self.code,
            };
            let outcome = catch_unwind(AssertUnwindSafe(|| {
                run_slice(ctx, &mut process, &mut x, SLICE_REDUCTIONS)
            }));
            let outcome = match outcome {
                Ok(o) => o,
                Err(panic) => {
                    let what = panic
                        .downcast_ref::<&str>()
                        .map(|s| s.to_string())
                        .or_else(|| panic.downcast_ref::<String>().cloned())
                        .unwrap_or_else(|| "panic".into());
                    return Err(Uncaught {
                        report: report::format_internal(&format!(
                            "process <0.{pid}.0> crashed inside the VM: {what}"
                        )),
                    });
                }
            };
            match outcome {
                SliceOutcome::Yielded => continue,
                SliceOutcome::Waiting {
                    timeout_ms: Some(ms),
                } => {
                    // The only process: nothing can send it a message while it sleeps.
                    std::thread::sleep(Duration::from_millis(ms));
                }
                SliceOutcome::Waiting { timeout_ms: None } => {
                    return Err(Uncaught {
                        report: format!(
                            "** process <0.{pid}.0> waits in receive for a message that can never \
                             arrive (no other process exists)\n"
                        ),
                    });
                }
                SliceOutcome::Halted(status) => return Ok(Finished::Halted(status)),
                SliceOutcome::Exited { reason } => {
                    return match reason {
                        ExitReason::Normal(value) => {
                            let mut text = String::new();
                            crate::display::write_term(&mut text, value, &self.shared.atoms);
                            Ok(Finished::Returned(text))
                        }
                        ExitReason::Exception(e)
                            if e.class == Class::Exit
                                && e.reason == Term::atom(crate::atom::NORMAL) =>
                        {
                            Ok(Finished::Returned("normal".into()))
                        }
                        ExitReason::Exception(e) => Err(Uncaught {
                            report: report::format_exception(
                                e.class,
                                e.reason,
                                e.stacktrace,
                                &self.shared.atoms,
                            ),
                        }),
                        ExitReason::Internal(what) => Err(Uncaught {
                            report: report::format_internal(&what),
                        }),
                    };
                }
            }
        }
    }
}
