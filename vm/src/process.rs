//! A process: its registers, stack of frames, heap, dictionary and mailbox. Owns the process
//! state and its GC roots; does not own the instruction loop (see `interp`) or scheduling (see
//! `runtime`).
//!
//! # Frames and the continuation pointer
//! Y slots live in one growable `stack` vector; `frames` records, for every open frame, where its
//! slots start, the continuation (`cp`) the frame saved, and the code version that opened it.
//! `cp` is a register: a call sets it to the return address, `Allocate` moves it into the new
//! frame (and clears the register), `Deallocate` moves it back. So `cp` is valid exactly while the
//! running function has no frame of its own, and a stack trace is the current position, then `cp`
//! if valid, then every frame's saved `cp` from the top down.

use crate::gc::RootSet;
use crate::heap::Heap;
use crate::native::Class;
use crate::term::Term;
use std::collections::VecDeque;
use std::time::Instant;

/// Number of X registers (the verifier rejects register numbers at or above it).
pub const X_REGS: usize = 1024;

/// A code position: a module version (index into the runtime's version table) and an
/// instruction index. Packed in one word so frames stay small.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub struct CodePtr(u64);

impl CodePtr {
    /// "No continuation": the `cp` register of a function that has a frame of its own.
    pub const INVALID: CodePtr = CodePtr(u64::MAX);
    /// The continuation of a process's first function: returning to it ends the process.
    pub const EXIT: CodePtr = CodePtr(u64::MAX - 1);

    #[inline(always)]
    pub const fn new(version: u32, pc: u32) -> CodePtr {
        CodePtr(((version as u64) << 32) | pc as u64)
    }
    /// The module version index.
    #[inline(always)]
    pub const fn version(self) -> u32 {
        (self.0 >> 32) as u32
    }
    /// The instruction index.
    #[inline(always)]
    pub const fn pc(self) -> u32 {
        self.0 as u32
    }
    /// True for a real code position (neither `INVALID` nor `EXIT`).
    #[inline(always)]
    pub const fn is_code(self) -> bool {
        self.0 < u64::MAX - 1
    }
}

/// One open stack frame.
#[derive(Copy, Clone, Debug)]
pub struct Frame {
    /// The continuation saved by `Allocate`.
    pub cp: CodePtr,
    /// Index in `Process::stack` of the frame's `y0`.
    pub base: u32,
    /// The module version whose function opened the frame (catch handlers in its Y slots are
    /// labels of that version).
    pub version: u32,
}

/// Why a process is not running.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum Status {
    /// Ready to run a slice.
    Runnable,
    /// In `receive`, waiting for a message (or its timer).
    Waiting,
    /// Finished; the exit reason is in `SliceOutcome::Exited`.
    Exited,
}

/// An exception in flight between its raise and a handler (`TryCase`/`CatchEnd` read it from
/// x1..x3; this copy keeps it for reports when nothing catches it).
#[derive(Copy, Clone, Debug)]
pub struct CaughtException {
    pub class: Class,
    pub reason: Term,
    pub stacktrace: Term,
}

/// The message queue. Messages are terms on the owning process's heap (the sender copies them
/// there), so they are GC roots. `save` is the receive save pointer: messages before it have
/// been examined by the current `receive` and did not match.
#[derive(Debug, Default)]
pub struct Mailbox {
    pub messages: VecDeque<Term>,
    pub save: usize,
}

impl Mailbox {
    /// Appends a message (already on the receiver's heap).
    pub fn push(&mut self, msg: Term) {
        self.messages.push_back(msg);
    }
    /// The message at the save pointer, if any.
    pub fn current(&self) -> Option<Term> {
        self.messages.get(self.save).copied()
    }
    /// Removes the message at the save pointer and rewinds the pointer (end of a receive).
    pub fn remove_current(&mut self) {
        self.messages.remove(self.save);
        self.save = 0;
    }
    pub fn len(&self) -> usize {
        self.messages.len()
    }
    pub fn is_empty(&self) -> bool {
        self.messages.is_empty()
    }
}

/// One Erlang process.
pub struct Process {
    /// Local process number (the pid term is `Term::pid(pid)`).
    pub pid: u64,
    /// The live X registers while the process is not running (X registers belong to the
    /// scheduler thread that runs it, as in BEAM; `run_slice` restores and saves these).
    pub saved_x: Vec<Term>,
    /// Y slots of every open frame, bottom frame first. Catch markers are stored here too.
    pub stack: Vec<Term>,
    /// Open frames, bottom first.
    pub frames: Vec<Frame>,
    /// The continuation register (see the module doc).
    pub cp: CodePtr,
    /// Where the process resumes: module version and instruction index.
    pub version: u32,
    pub pc: u32,
    pub heap: Heap,
    /// The process dictionary, `(key, value)` in insertion order.
    pub dict: Vec<(Term, Term)>,
    pub mailbox: Mailbox,
    /// Deadline of the running `receive ... after`, if its timer is set.
    pub timer: Option<Instant>,
    /// Reductions used since the process started.
    pub reductions: u64,
    pub status: Status,
    /// The last exception delivered to a handler (see `CaughtException`).
    pub last_exception: Option<CaughtException>,
    /// Number of live X registers at the current safe point (set just before a collection).
    pub live: usize,
    /// Whether stack traces end with the frames of `erl -eval`'s launcher (`erl_eval`, `init`),
    /// as they do for the process that `erl -noshell -eval 'm:main()'` runs.
    pub launcher_frames: bool,
    /// Pids this process is linked to.
    pub links: Vec<u64>,
    /// Monitors this process holds on others.
    pub monitors: Vec<MonitorOut>,
    /// Monitors others hold on this process: `(reference id, watcher pid)`.
    pub watchers: Vec<(u64, u64)>,
    /// `process_flag(trap_exit, true)`: exit signals become `{'EXIT', From, Reason}` messages.
    pub trap_exit: bool,
    /// The deadline and timer id of the armed `receive ... after` timer.
    pub timer_armed: Option<(Instant, u64)>,
    /// An empty vector kept for taking in the inbox's signals (see `sched::scheduler::take_signals`).
    pub signal_buf: Vec<crate::sched::signal::Signal>,
}

/// A monitor held by a process (`erlang:monitor(process, Target)`).
#[derive(Copy, Clone, Debug)]
pub struct MonitorOut {
    /// The reference id (the `Ref` of the `'DOWN'` message).
    pub reference: u64,
    /// The monitored pid (0 if a name that was not registered).
    pub target: u64,
    /// The registered name it was monitored by, if any.
    pub name: Option<crate::term::Atom>,
}

impl Process {
    /// A process about to run the code at `version`/`pc` with `args` in `x0..`.
    pub fn new(pid: u64, version: u32, pc: u32, args: &[Term]) -> Process {
        Process {
            pid,
            saved_x: args.to_vec(),
            stack: Vec::new(),
            frames: Vec::new(),
            cp: CodePtr::EXIT,
            version,
            pc,
            heap: Heap::new(),
            dict: Vec::new(),
            mailbox: Mailbox::default(),
            timer: None,
            reductions: 0,
            status: Status::Runnable,
            last_exception: None,
            live: args.len(),
            launcher_frames: false,
            links: Vec::new(),
            monitors: Vec::new(),
            watchers: Vec::new(),
            trap_exit: false,
            timer_armed: None,
            signal_buf: Vec::new(),
        }
    }

    /// The pid term.
    pub fn pid_term(&self) -> Term {
        Term::pid(self.pid)
    }

    /// Bytes this process holds: its control block and body, heap blocks (young, fragments, old),
    /// stack, saved registers, mailbox, dictionary and link/monitor tables (the figure
    /// `process_info(P, memory)` reports).
    pub fn memory_bytes(&self) -> usize {
        use std::mem::size_of;
        let w = size_of::<Term>();
        size_of::<crate::sched::signal::Pcb>()
            + size_of::<Process>()
            + 2 * size_of::<usize>() // the Arc around the control block
            + 3 * size_of::<usize>() // its process-table entry
            + w * (self.heap.capacity_words() + self.heap.old_capacity_words())
            + w * (self.stack.capacity() + self.saved_x.capacity() + self.mailbox.messages.capacity())
            + size_of::<Frame>() * self.frames.capacity()
            + 2 * w * self.dict.capacity()
            + size_of::<u64>() * self.links.capacity()
            + size_of::<MonitorOut>() * self.monitors.capacity()
            + 2 * size_of::<u64>() * self.watchers.capacity()
            + size_of::<crate::sched::signal::Signal>() * self.signal_buf.capacity()
    }

    /// A full (major) collection keeping `x[..live]`, as `erlang:garbage_collect/0`.
    pub fn collect_major(&mut self, x: &mut [Term], live: usize) {
        self.live = live;
        let (heap, mut roots) = self.heap_and_roots(x, live);
        crate::gc::collect_major(heap, 0, &mut roots);
    }

    /// A full collection of a process that is not running (its X registers are `saved_x`).
    pub fn collect_major_saved(&mut self) {
        let mut x = std::mem::take(&mut self.saved_x);
        let n = x.len();
        self.collect_major(&mut x, n);
        self.saved_x = x;
    }

    /// A process that will run the code at `version`/`pc` with copies of `args` (terms of another
    /// heap) in `x0..`, on a heap of its own.
    pub fn spawned(pid: u64, version: u32, pc: u32, args: &[Term]) -> Process {
        let words: usize = args.iter().map(|&a| crate::copy::size_of_term(a)).sum();
        let mut p = Process::new(pid, version, pc, &[]);
        if words > p.heap.capacity_words() {
            p.heap = Heap::with_capacity(words);
        }
        for &a in args {
            let t = crate::copy::copy_term(&mut p.heap, a);
            p.saved_x.push(t);
        }
        p.live = args.len();
        p
    }

    /// Collects the heap keeping `x[..live]` (the running X registers) and the other roots,
    /// leaving at least `need` free words. Every boxed term read before this call is stale
    /// afterwards.
    pub fn collect(&mut self, x: &mut [Term], live: usize, need: usize) {
        self.live = live;
        let (heap, mut roots) = self.heap_and_roots(x, live);
        crate::gc::collect(heap, need, &mut roots);
    }

    /// The heap and, borrowed apart from it, the roots with X registers `x[..live]`.
    fn heap_and_roots<'a>(
        &'a mut self,
        x: &'a mut [Term],
        live: usize,
    ) -> (&'a mut Heap, Roots<'a>) {
        let roots = Roots {
            x: &mut x[..live.min(X_REGS)],
            stack: &mut self.stack,
            dict: &mut self.dict,
            mailbox: &mut self.mailbox.messages,
            last_exception: &mut self.last_exception,
        };
        (&mut self.heap, roots)
    }
}

/// The GC roots of a process, borrowed apart from its heap so that the collector can hold both.
pub struct Roots<'a> {
    pub x: &'a mut [Term],
    pub stack: &'a mut Vec<Term>,
    pub dict: &'a mut Vec<(Term, Term)>,
    pub mailbox: &'a mut VecDeque<Term>,
    pub last_exception: &'a mut Option<CaughtException>,
}

impl RootSet for Roots<'_> {
    fn for_each_root(&mut self, f: &mut dyn FnMut(&mut Term)) {
        self.x.iter_mut().for_each(&mut *f);
        // Catch markers are immediates (tag CATCH); the collector leaves them alone.
        self.stack.iter_mut().for_each(&mut *f);
        for (k, v) in self.dict.iter_mut() {
            f(k);
            f(v);
        }
        self.mailbox.iter_mut().for_each(&mut *f);
        if let Some(e) = self.last_exception.as_mut() {
            f(&mut e.reason);
            f(&mut e.stacktrace);
        }
    }

    fn root_count(&mut self) -> usize {
        self.x.len()
            + self.stack.len()
            + 2 * self.dict.len()
            + self.mailbox.len()
            + 2 * usize::from(self.last_exception.is_some())
    }
}

/// A descheduled process is its own root set, its X registers being `saved_x` (for callers that
/// hold the heap separately, e.g. a collector test; the interpreter uses `Process::collect`).
impl RootSet for Process {
    fn for_each_root(&mut self, f: &mut dyn FnMut(&mut Term)) {
        Roots {
            x: &mut self.saved_x,
            stack: &mut self.stack,
            dict: &mut self.dict,
            mailbox: &mut self.mailbox.messages,
            last_exception: &mut self.last_exception,
        }
        .for_each_root(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_ptr_packs_version_and_pc() {
        let c = CodePtr::new(7, 123_456);
        assert_eq!((c.version(), c.pc()), (7, 123_456));
        assert!(c.is_code());
        assert!(!CodePtr::INVALID.is_code() && !CodePtr::EXIT.is_code());
    }

    #[test]
    fn mailbox_save_pointer() {
        let mut m = Mailbox::default();
        m.push(Term::small(1));
        m.push(Term::small(2));
        assert_eq!(m.current(), Some(Term::small(1)));
        m.save = 1;
        m.remove_current();
        assert_eq!(m.save, 0);
        assert_eq!(m.current(), Some(Term::small(1)));
        assert_eq!(m.len(), 1);
    }
}
