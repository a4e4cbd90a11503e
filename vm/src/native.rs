//! The contract between the interpreter and builtins (functions implemented in Rust): the
//! context a builtin sees, the exception it raises, and the registry keyed by `{M, F, A}`.
//! The builtins themselves live in `bif/`.

use crate::atom::{self, AtomTable};
use crate::heap::Heap;
use crate::term::{Atom, Term};
use std::any::Any;
use std::collections::HashMap;
use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Instant;

/// Exception class, as in `try ... catch Class:Reason`.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum Class {
    Error,
    Exit,
    Throw,
}

impl Class {
    pub fn atom(self) -> Atom {
        match self {
            Class::Error => atom::ERROR,
            Class::Exit => atom::EXIT,
            Class::Throw => atom::THROW,
        }
    }
}

/// A raised exception. `reason` lives on the raising process's heap.
#[derive(Copy, Clone, Debug)]
pub struct Exception {
    pub class: Class,
    pub reason: Term,
    /// A stacktrace given by `erlang:raise/3`; `None` means the interpreter builds one.
    pub stacktrace: Option<Term>,
    /// For `error/2`: the argument list to report in the top stack frame.
    pub args: Option<Term>,
}

impl Exception {
    pub fn error(reason: Term) -> Exception {
        Exception {
            class: Class::Error,
            reason,
            stacktrace: None,
            args: None,
        }
    }
    pub fn badarg() -> Exception {
        Exception::error(Term::atom(atom::BADARG))
    }
    pub fn badarith() -> Exception {
        Exception::error(Term::atom(atom::BADARITH))
    }
    pub fn system_limit() -> Exception {
        Exception::error(Term::atom(atom::SYSTEM_LIMIT))
    }
    pub fn throw(reason: Term) -> Exception {
        Exception {
            class: Class::Throw,
            reason,
            stacktrace: None,
            args: None,
        }
    }
    pub fn exit(reason: Term) -> Exception {
        Exception {
            class: Class::Exit,
            reason,
            stacktrace: None,
            args: None,
        }
    }
}

/// Result of a builtin.
pub type NativeResult = Result<Term, Exception>;

/// State shared by every process of one `Runtime`: the atom table, standard output, counters.
pub struct Shared {
    pub atoms: AtomTable,
    /// Where `krarup_io:put_chars/1` writes (standard output in the `krarup` binary); flushed
    /// after every io request, so the embedder may buffer within one request only.
    pub stdout: Mutex<Box<dyn Write + Send>>,
    /// Where `krarup_io:put_chars/2` writes for the device `standard_error`. `Shared::new`
    /// sets it to the process's real `std::io::stderr()`: the one place the VM crate touches an
    /// OS stream itself (so that `Shared::new` keeps its signature); an embedder or test that
    /// wants the bytes replaces it through the mutex.
    pub stderr: Mutex<Box<dyn Write + Send>>,
    /// Next value of `erlang:unique_integer/0,1` and of reference ids.
    pub unique: AtomicU64,
    /// The instant the runtime started (origin of monotonic time).
    pub start: Instant,
    /// Whether crash reports are printed (`logger:set_primary_config(level, none)` turns them
    /// off).
    pub log_errors: std::sync::atomic::AtomicBool,
    /// logger's primary and default-handler levels (`krarup_logger:levels/0`), so that a log
    /// call checks them with one read, as OTP keeps its primary config in persistent_term: the
    /// primary level's atom index + 1 in the high 32 bits, the handler's in the low 32; 0 while
    /// never set (OTP's defaults, `notice` and `all`).
    pub logger_levels: AtomicU64,
    /// Reads the OS process's CPU time in milliseconds (`statistics(runtime)`). The VM does no OS
    /// access itself: the embedder (the `krarup` binary) sets this; unset, the CPU time reads 0.
    pub cpu_clock: std::sync::OnceLock<fn() -> u64>,
    /// Live processes and the process limit (`erl +P`).
    pub processes: crate::limits::ProcessCount,
    /// ETS tables, persistent terms, atomics and counters (`ets::Registry`).
    pub ets: crate::ets::Registry,
    /// The embedder's file system and compiler (`host::Host`); unset, `file` builtins return
    /// `{error, enotsup}`.
    pub host: std::sync::OnceLock<Box<dyn crate::host::Host>>,
    /// Hot code loading: the code path, version stamps, the reload reports' memory.
    pub hot: crate::code::hot::HotState,
}

impl Shared {
    /// CPU time of the OS process in milliseconds, from the embedder's `cpu_clock` (0 unset).
    pub fn cpu_time_ms(&self) -> u64 {
        self.cpu_clock.get().map_or(0, |read| read())
    }

    pub fn new(stdout: Box<dyn Write + Send>) -> Shared {
        Shared {
            atoms: AtomTable::new(),
            stdout: Mutex::new(stdout),
            stderr: Mutex::new(Box::new(std::io::stderr())),
            unique: AtomicU64::new(1),
            start: Instant::now(),
            cpu_clock: std::sync::OnceLock::new(),
            log_errors: std::sync::atomic::AtomicBool::new(true),
            logger_levels: AtomicU64::new(0),
            processes: Default::default(),
            ets: Default::default(),
            host: std::sync::OnceLock::new(),
            hot: Default::default(),
        }
    }
    /// Whether crash reports of processes are printed.
    pub fn logging_errors(&self) -> bool {
        self.log_errors.load(Ordering::Relaxed)
    }
    /// A fresh positive integer, unique within this runtime.
    pub fn next_unique(&self) -> u64 {
        self.unique.fetch_add(1, Ordering::Relaxed)
    }
}

/// What a builtin may touch: the calling process's heap and dictionary, and the shared state.
pub struct NativeCtx<'a> {
    pub heap: &'a mut Heap,
    /// The process dictionary as `(key, value)` pairs in insertion order (`put/2`, `get/1`).
    pub dict: &'a mut Vec<(Term, Term)>,
    pub shared: &'a Shared,
    /// The calling process's pid term.
    pub self_pid: Term,
    /// Reductions the builtin used beyond the base charge (for work proportional to input).
    pub extra_reductions: usize,
    /// Set by a builtin that did a bounded chunk of its work and wants to continue later
    /// (`NativeCtx::trap`); the caller then calls `Trap::next`.
    pub trap: Option<Trap>,
    /// For a continuation (`Trap::next`): the state its previous chunk saved.
    pub resume: Option<Box<dyn Any + Send>>,
    /// The `cause` an `ets` builtin gives its `badarg` (`id`, `access`, `badkey`, ...): the
    /// stack entry's error info is then `#{cause => C, module => erl_stdlib_errors}`, as OTP's.
    pub error_cause: Option<Atom>,
}

/// Reductions' worth of work a long builtin does per chunk before it traps (a quarter of a slice,
/// so a slice's end is overshot by at most that much).
pub const TRAP_CHUNK_REDUCTIONS: usize = 1000;

/// A builtin's request to stop part-way and continue with `next` (BEAM's BIF trap). The
/// interpreter calls `next` with `args` at once while the slice has reductions left, otherwise
/// after the process was rescheduled. `state` may hold terms of the calling process's heap:
/// nothing collects that heap while a trap is pending (the next slice resumes the trap before
/// it reaches a safe point, and `Process::collect_major_saved` skips such a process).
pub struct Trap {
    /// The continuation: a builtin that reads `state` from `NativeCtx::resume`.
    pub next: NativeFn,
    pub args: Vec<Term>,
    pub state: Box<dyn Any + Send>,
}

/// A builtin that trapped at the end of a slice, waiting in its process for the next one
/// (`Process::trap`). Its arguments wait in `x0..x[nargs-1]` and the original call's argument
/// list in `x[nargs]` (for the stack entry of an error raised later).
pub struct PendingTrap {
    pub next: NativeFn,
    pub state: Box<dyn Any + Send>,
    pub nargs: usize,
    /// The builtin that was called (`{M, F}` for its stack entry).
    pub module: Atom,
    pub function: Atom,
}

impl<'a> NativeCtx<'a> {
    /// A context for a builtin called by the process `self_pid`.
    pub fn new(
        heap: &'a mut Heap,
        dict: &'a mut Vec<(Term, Term)>,
        shared: &'a Shared,
        self_pid: Term,
    ) -> NativeCtx<'a> {
        NativeCtx {
            heap,
            dict,
            shared,
            self_pid,
            extra_reductions: 0,
            trap: None,
            resume: None,
            error_cause: None,
        }
    }

    /// Runs `f` on `args`, then every continuation it traps to, to the end (for callers that
    /// cannot yield: the `Bif` instruction, tests).
    pub fn call_to_end(&mut self, f: NativeFn, args: &[Term]) -> NativeResult {
        let mut r = f(self, args);
        while let Some(t) = self.trap.take() {
            if r.is_err() {
                break;
            }
            self.resume = Some(t.state);
            r = (t.next)(self, &t.args);
        }
        self.resume = None;
        r
    }

    /// Asks to continue with `next(args)` and `state` (see `Trap`); the builtin returns this.
    pub fn trap(
        &mut self,
        next: NativeFn,
        args: &[Term],
        state: Box<dyn Any + Send>,
    ) -> NativeResult {
        self.trap = Some(Trap {
            next,
            args: args.to_vec(),
            state,
        });
        Ok(Term::NIL)
    }

    /// The state a continuation's previous chunk saved, if it is a `T`.
    pub fn resumed<T: 'static>(&mut self) -> Option<Box<T>> {
        self.resume.take().and_then(|b| b.downcast::<T>().ok())
    }
}

impl NativeCtx<'_> {
    /// Interns an atom.
    pub fn atom(&self, name: &str) -> Term {
        Term::atom(self.shared.atoms.intern(name))
    }
    /// Charges reductions for work done (e.g. one per list element visited / 16).
    pub fn charge(&mut self, reductions: usize) {
        self.extra_reductions += reductions;
    }
}

/// A builtin: arguments in, a term or an exception out. It may allocate on `ctx.heap` but never
/// collects (see `heap`).
pub type NativeFn = fn(&mut NativeCtx<'_>, &[Term]) -> NativeResult;

/// The builtins of a runtime, by `(module, function, arity)`.
#[derive(Default)]
pub struct NativeRegistry {
    map: HashMap<(Atom, Atom, u8), NativeFn>,
}

impl NativeRegistry {
    pub fn register(&mut self, module: Atom, function: Atom, arity: u8, f: NativeFn) {
        self.map.insert((module, function, arity), f);
    }
    pub fn get(&self, module: Atom, function: Atom, arity: u8) -> Option<NativeFn> {
        self.map.get(&(module, function, arity)).copied()
    }
    pub fn len(&self) -> usize {
        self.map.len()
    }
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
    /// Every registered `(module, function, arity)`.
    pub fn keys(&self) -> impl Iterator<Item = &(Atom, Atom, u8)> {
        self.map.keys()
    }
}
