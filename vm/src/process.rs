//! A process: its registers, stack of frames, heap, dictionary and mailbox. Owns the process
//! state and its GC roots; does not own the instruction loop (see `interp`) or scheduling (see
//! `runtime`).
//!
//! # Frames and the continuation pointer
//! Frames live in one growable `stack` vector, as on BEAM: each frame is a two-word header (the
//! continuation `cp` it saved, and a link holding the previous frame's `y0` index and the code
//! version that opened it) followed by its Y slots. `ybase` is the running frame's `y0` index
//! (0: no frame). Header words are tagged as small integers, so the collector skips them and a
//! catch-marker search never mistakes them for markers.
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

/// Number of X registers (the bytecode's one limit; the verifier rejects numbers at or above it).
pub const X_REGS: usize = krarup_bytecode::MAX_X_REGS;

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

    /// As a frame header word: a small-integer-tagged word (so the collector skips it). Exact
    /// for versions below `MAX_VERSIONS` and for `INVALID` and `EXIT`.
    #[inline(always)]
    const fn to_word(self) -> Term {
        Term::small_wrapping(self.0 as i64)
    }

    #[inline(always)]
    const fn from_word(w: Term) -> CodePtr {
        CodePtr(((w.raw() as i64) >> 3) as u64)
    }
}

/// How many module versions a runtime may hold: a version index must fit the 28 bits a frame
/// header word leaves it (see `CodePtr::to_word`).
pub const MAX_VERSIONS: usize = 1 << 28;

/// One open stack frame, as `Process::frames` reads it from the stack.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Frame {
    /// The continuation saved by `Allocate`.
    pub cp: CodePtr,
    /// Index in `Process::stack` of the frame's `y0` (its header is the two words below).
    pub base: usize,
    /// The module version whose function opened the frame (catch handlers in its Y slots are
    /// labels of that version).
    pub version: u32,
}

/// Words of a frame header.
pub const FRAME_HEADER: usize = 2;

/// The link word of a frame header: the previous frame's `y0` index and the frame's version.
#[inline(always)]
const fn link_word(prev: usize, version: u32) -> Term {
    Term::small_wrapping(((prev as u64) << 28 | version as u64) as i64)
}

#[inline(always)]
const fn unlink_word(w: Term) -> (usize, u32) {
    let v = w.raw() >> 3;
    ((v >> 28) as usize, (v & ((1 << 28) - 1)) as u32)
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
    /// Appends a message (already on the receiver's heap). If the queue cannot grow, the
    /// process exits with `system_limit` (`limits::out_of_memory`).
    pub fn push(&mut self, msg: Term) {
        if self.messages.try_reserve(1).is_err() {
            crate::limits::out_of_memory(std::mem::size_of::<Term>());
        }
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
    /// Every open frame, bottom first: header and Y slots (see the module doc). Catch markers
    /// are stored in Y slots.
    pub stack: Vec<Term>,
    /// `stack` index of the running frame's `y0`; 0 when no frame is open.
    pub ybase: usize,
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
    pub signal_buf: Vec<crate::signal::Signal>,
    /// A builtin that trapped when the slice ended: the next slice continues it first.
    pub trap: Option<crate::native::PendingTrap>,
    /// Active process aliases (`erlang:alias/0,1`, `monitor/3`'s `{alias, _}`), by reference id.
    pub aliases: Vec<(u64, AliasMode)>,
    /// `monitor/3`'s `{tag, Tag}`: the tag (on a fragment of its own) replacing `'DOWN'`.
    pub monitor_tags: Vec<(u64, crate::signal::Message)>,
    /// `process_info(P, initial_call)`: `{M, F, Arity}` of `spawn(M, F, Args)`; `None` for a
    /// fun (OTP shows `{erlang, apply, 2}`).
    pub initial_call: Option<(crate::term::Atom, crate::term::Atom, u32)>,
    /// The group leader's pid number (`group_leader/0,2`; inherited from the spawner).
    pub group_leader: u64,
    /// `spawn_opt`/`process_flag` tuning flags (priority, `max_heap_size`, ...).
    pub flags: crate::process_flags::Flags,
    /// A collection left the heap past `flags.max_heap`: the slice ends and the process is
    /// reported (and killed) by `interp::run_slice`.
    pub heap_limit_hit: bool,
    /// In `erlang:hibernate/3` with this many arguments (kept in `saved_x`, followed by `M`
    /// and `F`), waiting for a message.
    pub hibernating: Option<u8>,
    /// Loaded or purged code published as this code-table generation: the process runs again
    /// only once every scheduler runs on it or later (the code barrier, docs/code-loading.md).
    pub code_barrier: Option<u64>,
}

/// The pid number of the group leader every process starts with: `<0.65.0>`, the `user` io
/// server's pid that `erl -noshell` shows. krarup has no io server there (output goes straight
/// to stdout), and never gives the number to a process (`System::new_pid` skips it).
pub const GROUP_LEADER_PID: u64 = 65;

/// When an alias stops being active (OTP 24's process aliases).
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum AliasMode {
    /// Only `unalias/1` removes it (`explicit_unalias`, the default of `alias/0`).
    Explicit,
    /// Also removed by the first message received through it (`alias([reply])`).
    Reply,
    /// Tied to a monitor: removed with it (`{alias, demonitor}`).
    Demonitor,
    /// Tied to a monitor and removed, with the monitor, by the first message received through
    /// it (`{alias, reply_demonitor}`).
    ReplyDemonitor,
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
            ybase: 0,
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
            trap: None,
            aliases: Vec::new(),
            monitor_tags: Vec::new(),
            initial_call: None,
            group_leader: GROUP_LEADER_PID,
            hibernating: None,
            code_barrier: None,
            flags: crate::process_flags::Flags::default(),
            heap_limit_hit: false,
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
        size_of::<crate::signal::Pcb>()
            + size_of::<Process>()
            + 2 * size_of::<usize>() // the Arc around the control block
            + 3 * size_of::<usize>() // its process-table entry
            + w * (self.heap.capacity_words() + self.heap.old_capacity_words())
            + w * (self.stack.capacity() + self.saved_x.capacity() + self.mailbox.messages.capacity())
            + 2 * w * self.dict.capacity()
            + size_of::<u64>() * self.links.capacity()
            + size_of::<MonitorOut>() * self.monitors.capacity()
            + 2 * size_of::<u64>() * self.watchers.capacity()
            + size_of::<crate::signal::Signal>() * self.signal_buf.capacity()
    }

    /// Opens a frame of `slots` Y slots (all `[]`) for code of `version`, saving `cp` in it and
    /// clearing the register (`Allocate`).
    #[inline(always)]
    pub fn push_frame(&mut self, slots: usize, version: u32) {
        let base = self.stack.len() + FRAME_HEADER;
        let top = base + slots;
        if top > self.stack.capacity() {
            let more = top - self.stack.len();
            crate::limits::reserve_or_exit(&mut self.stack, more);
        }
        // SAFETY: the capacity covers `..top`; every word up to `top` is written before
        // `set_len` makes it part of the vector.
        unsafe {
            let s = self.stack.as_mut_ptr();
            s.add(base - 2).write(self.cp.to_word());
            s.add(base - 1).write(link_word(self.ybase, version));
            // Frames are small: the common sizes skip the loop set-up.
            match slots {
                0 => {}
                1 => s.add(base).write(Term::NIL),
                2 => {
                    s.add(base).write(Term::NIL);
                    s.add(base + 1).write(Term::NIL);
                }
                _ => std::slice::from_raw_parts_mut(s.add(base), slots).fill(Term::NIL),
            }
            self.stack.set_len(top);
        }
        self.ybase = base;
        self.cp = CodePtr::INVALID;
    }

    /// Closes the running frame, restoring `cp` from it (`Deallocate`). No-op with no frame.
    #[inline(always)]
    pub fn pop_frame(&mut self) {
        let start = self.ybase.wrapping_sub(FRAME_HEADER);
        let Some(&[cp, link]) = self.stack.get(start..self.ybase) else {
            return;
        };
        self.cp = CodePtr::from_word(cp);
        self.ybase = unlink_word(link).0;
        self.stack.truncate(start);
    }

    /// The open frames, top (running) first.
    pub fn frames(&self) -> impl Iterator<Item = Frame> + '_ {
        let mut base = self.ybase;
        std::iter::from_fn(move || {
            if base < FRAME_HEADER || base > self.stack.len() {
                return None;
            }
            let (prev, version) = unlink_word(self.stack[base - 1]);
            let frame = Frame {
                cp: CodePtr::from_word(self.stack[base - 2]),
                base,
                version,
            };
            base = prev;
            Some(frame)
        })
    }

    /// Drops every frame above `frame` (one of `frames()`), which becomes the running one.
    pub fn unwind_to(&mut self, frame: Frame) {
        let end = self
            .frames()
            .take_while(|f| f.base != frame.base)
            .last()
            .map_or(self.stack.len(), |above| above.base - FRAME_HEADER);
        self.stack.truncate(end);
        self.ybase = frame.base;
    }

    /// A full (major) collection keeping `x[..live]`, as `erlang:garbage_collect/0`.
    pub fn collect_major(&mut self, x: &mut [Term], live: usize) {
        self.live = live;
        let (heap, mut roots) = self.heap_and_roots(x, live);
        crate::gc::collect_major(heap, 0, &mut roots);
    }

    /// A full collection of a process that is not running (its X registers are `saved_x`).
    /// Skipped while a builtin's trap is pending: its state may hold terms of this heap.
    pub fn collect_major_saved(&mut self) {
        if self.trap.is_some() {
            return;
        }
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
        self.check_heap_limit();
    }

    /// Notes whether the heap (young and old, in words) is past `max_heap_size` after a
    /// collection, as BEAM checks it at each collection.
    pub fn check_heap_limit(&mut self) {
        let max = self.flags.max_heap.size;
        if max > 0 && self.heap.capacity_words() + self.heap.old_words() > max {
            self.heap_limit_hit = true;
        }
    }

    /// The figures of the report of a process past its `max_heap_size`.
    pub fn heap_figures(&self) -> crate::process_flags::HeapFigures {
        crate::process_flags::HeapFigures {
            pid: self.pid,
            total: self.heap.capacity_words() + self.heap.old_words(),
            young_capacity: self.heap.capacity_words(),
            young_used: self.heap.used_words(),
            old_capacity: self.heap.old_words(),
            old_used: self.heap.old_words(),
            stack: self.stack.len(),
            queue_len: self.mailbox.len(),
        }
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
        // Most stack words are immediates (frame headers, catch markers, small integers,
        // atoms): only pointers are worth a call.
        self.stack
            .iter_mut()
            .filter(|t| !t.is_immediate())
            .for_each(&mut *f);
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
    fn code_ptr_survives_a_frame_header() {
        let max = CodePtr::new(MAX_VERSIONS as u32 - 1, u32::MAX);
        for c in [CodePtr::new(7, 9), max, CodePtr::INVALID, CodePtr::EXIT] {
            assert!(c.to_word().is_small());
            assert_eq!(CodePtr::from_word(c.to_word()), c);
        }
    }

    #[test]
    fn frames_nest_and_unwind() {
        let mut p = Process::new(1, 0, 0, &[]);
        p.cp = CodePtr::new(3, 10);
        p.push_frame(2, 3);
        p.stack[p.ybase + 1] = Term::small(42);
        p.cp = CodePtr::new(4, 20);
        p.push_frame(0, 4);
        p.cp = CodePtr::new(5, 30);
        p.push_frame(1, 5);
        let seen: Vec<(u64, u32)> = p.frames().map(|f| (f.cp.0, f.version)).collect();
        let want = [
            CodePtr::new(5, 30),
            CodePtr::new(4, 20),
            CodePtr::new(3, 10),
        ];
        assert_eq!(seen, vec![(want[0].0, 5), (want[1].0, 4), (want[2].0, 3)]);
        assert!(p.stack.iter().all(|t| t.is_immediate()));
        let bottom = p.frames().last().unwrap();
        p.unwind_to(bottom);
        assert_eq!(p.frames().count(), 1);
        assert_eq!(p.stack.len(), FRAME_HEADER + 2);
        assert_eq!(p.stack[p.ybase + 1], Term::small(42));
        p.pop_frame();
        assert_eq!((p.cp, p.ybase, p.stack.len()), (CodePtr::new(3, 10), 0, 0));
        p.pop_frame();
        assert_eq!(p.stack.len(), 0);
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
