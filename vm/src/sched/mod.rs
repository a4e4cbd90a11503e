//! The process system: the process table, the name registry, the run queues and scheduler
//! threads, and the timers. Owns how signals travel between processes (`post`), spawning, and the
//! outcome of the main process; the scheduler loop is in `scheduler`, a process's handling of the
//! signals it receives in `handle`, the end of a process in `exit`, the timer service in `timer`.
//! See docs/processes.md.

pub mod exit;
pub mod handle;
pub mod loading;
#[cfg(test)]
mod priority_tests;
pub mod scheduler;
mod slice;
pub mod timer;

use crate::code::table::CodeTable;
use crate::native::Shared;
use crate::process::Process;
use crate::signal::{ExitKind, Message, Pcb, Signal, State, TimerEvent};
use crate::term::{Atom, Term};
use crossbeam_deque::{Injector, Stealer, Worker};
use crossbeam_utils::sync::Unparker;
use dashmap::DashMap;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::time::Instant;
use timer::{TimerId, TimerService};

/// How the main process (the one `Runtime::run_main` started) ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MainOutcome {
    /// It returned this value (rendered as `~w`), or exited with reason `normal`.
    Returned(String),
    /// Some process called `erlang:halt/0,1` with this status.
    Halted(i32),
    /// It ended with an exception or an exit signal: the report for stderr.
    Uncaught(String),
    /// Every process is blocked in `receive` with no timer that could wake one.
    Deadlock,
}

/// What `System::observe` found.
pub enum Observed {
    /// No such process, or it has exited.
    Gone,
    /// It has not yet handled every signal the observer sent it: ask again.
    Busy,
    /// Alive, in `state`, with `queued` messages still in its inbox.
    Alive {
        pcb: Arc<Pcb>,
        state: State,
        queued: usize,
    },
}

/// One Erlang system's processes.
pub struct System {
    pub shared: Arc<Shared>,
    /// The published code table: a snapshot each slice takes at its start (docs/code-loading.md).
    code: Mutex<Arc<CodeTable>>,
    /// Serialises changes of the code table (a load builds the next snapshot under it).
    code_writer: Mutex<()>,
    procs: DashMap<u64, Arc<Pcb>, PidHash>,
    names: Mutex<HashMap<Atom, u64>>,
    next_pid: AtomicU64,
    /// Run queues: the global injector (for processes made runnable off the scheduler threads)
    /// and one stealer per scheduler's local queue.
    injector: Injector<Arc<Pcb>>,
    /// Processes of priority `high` or `max`, run before any other, and of priority `low`, run
    /// when nothing else is queued (and now and then before, so they are not starved).
    urgent: Injector<Arc<Pcb>>,
    low: Injector<Arc<Pcb>>,
    stealers: OnceLock<Vec<Stealer<Arc<Pcb>>>>,
    unparkers: OnceLock<Vec<Unparker>>,
    /// Per scheduler: the code generation its running slice uses, `SLICE_IDLE` between
    /// slices, 0 while it takes its snapshot (the code barrier).
    slice_gens: OnceLock<Vec<AtomicU64>>,
    /// Indices of schedulers asleep (waiting for work).
    idle: Mutex<Vec<usize>>,
    n_idle: AtomicUsize,
    /// Schedulers `wake_one` has woken that have not yet found work or gone back to sleep. While
    /// one is searching, another wake-up is not needed: it will find what was queued.
    searching: AtomicUsize,
    /// Wake-ups `wake_one` has sent (for tests and diagnostics).
    wakeups: AtomicU64,
    /// Counts processes queued and slices started (the deadlock check sees whether anything
    /// happened while it waited).
    epoch: AtomicU64,
    pub(crate) stopping: AtomicBool,
    timers: OnceLock<Arc<TimerService<TimerEvent>>>,
    /// Timers armed and not yet fired or cancelled (counted here so that a timer being fired is
    /// still counted until its effect is queued: the deadlock check relies on it).
    timers_live: AtomicUsize,
    /// Send timers by ref id (for `cancel_timer/1`, `read_timer/1`).
    timer_refs: Mutex<HashMap<u64, TimerId>>,
    /// Active process aliases: reference id to owner pid (the owner's `Process::aliases` says
    /// when each ends; the owner checks again when a message through it arrives).
    aliases: Mutex<HashMap<u64, u64>>,
    /// The main process and how it ended.
    main_pid: AtomicU64,
    outcome: Mutex<Option<MainOutcome>>,
    outcome_cv: Condvar,
    /// Reductions of finished slices, all processes.
    reductions: AtomicU64,
    /// The values `statistics/1` last returned for runtime, wall_clock and reductions (its
    /// "since last call" figure).
    stat_last: Mutex<[u64; 3]>,
    /// Set while the embedder feeds the main process input it waits for (the shell): the main
    /// process waiting in `receive` is then no deadlock.
    held_open: AtomicBool,
}

/// Hashes pid numbers for the process table: one multiplication (Fibonacci hashing), whose high
/// bits (which pick the shard and the bucket group) depend on every bit of the pid. Pids are not
/// chosen by users, so no keyed hash is needed.
#[derive(Default, Clone, Copy)]
pub struct PidHasher(u64);

impl std::hash::Hasher for PidHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0 ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

type PidHash = std::hash::BuildHasherDefault<PidHasher>;

/// `System::slice_gens` of a scheduler that runs no slice.
pub(crate) const SLICE_IDLE: u64 = u64::MAX;

/// The pid number of the first process (`<0.9.0>`, as `erl -eval` shows it).
pub const FIRST_PID: u64 = 9;

impl System {
    /// A system with no processes and no scheduler threads yet (`scheduler::start` adds them).
    pub fn new(shared: Arc<Shared>, code: CodeTable) -> Arc<System> {
        let sys = Arc::new(System {
            shared,
            code: Mutex::new(Arc::new(code)),
            code_writer: Mutex::new(()),
            procs: DashMap::with_hasher(PidHash::default()),
            names: Mutex::new(HashMap::new()),
            next_pid: AtomicU64::new(FIRST_PID),
            injector: Injector::new(),
            urgent: Injector::new(),
            low: Injector::new(),
            stealers: OnceLock::new(),
            unparkers: OnceLock::new(),
            slice_gens: OnceLock::new(),
            idle: Mutex::new(Vec::new()),
            n_idle: AtomicUsize::new(0),
            searching: AtomicUsize::new(0),
            wakeups: AtomicU64::new(0),
            epoch: AtomicU64::new(0),
            stopping: AtomicBool::new(false),
            timers: OnceLock::new(),
            timers_live: AtomicUsize::new(0),
            timer_refs: Mutex::new(HashMap::new()),
            aliases: Mutex::new(HashMap::new()),
            main_pid: AtomicU64::new(0),
            outcome: Mutex::new(None),
            outcome_cv: Condvar::new(),
            reductions: AtomicU64::new(0),
            stat_last: Mutex::new([0; 3]),
            held_open: AtomicBool::new(false),
        });
        let weak = Arc::downgrade(&sys);
        let service = TimerService::start(move |_id, event| {
            if let Some(sys) = weak.upgrade() {
                sys.fire_timer(event);
            }
        });
        let _ = sys.timers.set(service);
        sys
    }

    /// A snapshot of the code table (a slice runs on the one it took at its start). The lock
    /// is held only to clone the `Arc`.
    pub fn code(&self) -> Arc<CodeTable> {
        self.code.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Changes the code table: `f` edits a copy of the current snapshot, which is published
    /// when `f` returns (one writer at a time; readers and running slices never wait for it).
    pub fn update_code<R>(&self, f: impl FnOnce(&mut CodeTable) -> R) -> R {
        let _writer = self.code_writer.lock().unwrap_or_else(|e| e.into_inner());
        let mut next = CodeTable::clone(&self.code());
        next.next_generation();
        let r = f(&mut next);
        *self.code.lock().unwrap_or_else(|e| e.into_inner()) = Arc::new(next);
        r
    }

    /// Whether every scheduler runs on code generation `gen` or later, or runs no slice: then
    /// nothing can still reach code that a change up to `gen` replaced or dropped.
    pub(crate) fn code_barrier_passed(&self, gen: u64) -> bool {
        self.slice_gens.get().is_none_or(|gens| {
            gens.iter().all(|g| {
                let g = g.load(Ordering::SeqCst);
                g == SLICE_IDLE || g >= gen
            })
        })
    }

    /// The control block of a live (or just-ended) process.
    pub fn lookup(&self, pid: u64) -> Option<Arc<Pcb>> {
        self.procs.get(&pid).map(|e| e.value().clone())
    }

    /// Process `pid` as `from` may observe it (`is_process_alive/1`, `process_info/2`): BEAM
    /// orders the answer after `from`'s earlier signals to `pid`, so while `pid` still has one of
    /// them to handle (an exit signal among them may not have taken effect yet) the caller must
    /// retry.
    pub fn observe(&self, from: u64, pid: u64) -> Observed {
        let Some(pcb) = self.lookup(pid) else {
            return Observed::Gone;
        };
        let (state, queued, pending) = {
            let inbox = pcb.lock_inbox();
            (inbox.state, inbox.messages, inbox.has_pending_from(from))
        };
        match (state, pending) {
            (State::Exited, _) => Observed::Gone,
            (_, true) => Observed::Busy,
            _ => Observed::Alive { pcb, state, queued },
        }
    }

    /// Number of processes in the table.
    pub fn process_count(&self) -> usize {
        self.procs.len()
    }

    /// Every pid in the table (unordered).
    pub fn pids(&self) -> Vec<u64> {
        self.procs.iter().map(|e| *e.key()).collect()
    }

    /// A fresh pid number.
    pub fn new_pid(&self) -> u64 {
        let pid = self.next_pid.fetch_add(1, Ordering::Relaxed);
        if pid == crate::process::GROUP_LEADER_PID {
            // That pid stands for the group leader (see `GROUP_LEADER_PID`).
            return self.next_pid.fetch_add(1, Ordering::Relaxed);
        }
        pid
    }

    /// Adds `process` to the table and makes it runnable. `local` is the calling scheduler's
    /// queue, if the caller runs on one. The caller has counted it (`Shared::processes`).
    pub fn spawn(&self, process: Process, local: Option<&Worker<Arc<Pcb>>>) -> u64 {
        let pid = process.pid;
        let pcb = Arc::new(Pcb::new(process, State::Queued));
        self.procs.insert(pid, pcb.clone());
        self.enqueue(pcb, local);
        pid
    }

    /// Starts `process` as the main process: its end is the outcome `wait_main` returns.
    pub fn spawn_main(&self, process: Process) -> u64 {
        *self.outcome.lock().unwrap_or_else(|e| e.into_inner()) = None;
        self.main_pid.store(process.pid, Ordering::SeqCst);
        // The main process counts towards the limit but is never refused.
        self.shared.processes.add();
        self.spawn(process, None)
    }

    /// Blocks until the main process has ended (or a process halted the system).
    pub fn wait_main(&self) -> MainOutcome {
        let mut guard = self.outcome.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if let Some(o) = guard.take() {
                self.main_pid.store(0, Ordering::SeqCst);
                return o;
            }
            guard = self
                .outcome_cv
                .wait(guard)
                .unwrap_or_else(|e| e.into_inner());
        }
    }

    /// Records how the main process ended (the first outcome wins).
    pub(crate) fn finish(&self, outcome: MainOutcome) {
        let mut guard = self.outcome.lock().unwrap_or_else(|e| e.into_inner());
        if guard.is_none() && self.main_pid.load(Ordering::SeqCst) != 0 {
            *guard = Some(outcome);
            self.outcome_cv.notify_all();
        }
    }

    pub(crate) fn is_main(&self, pid: u64) -> bool {
        self.main_pid.load(Ordering::SeqCst) == pid
    }

    /// Whether the embedder sends the main process messages from outside (the shell's input):
    /// while it does, the main process waiting in `receive` is not taken for a deadlock.
    pub fn hold_open(&self, on: bool) {
        self.held_open.store(on, Ordering::SeqCst);
    }

    /// True if there is a main process and it waits in `receive` (for another process: not while
    /// the embedder holds the system open, see `hold_open`).
    pub(crate) fn main_waiting(&self) -> bool {
        let pid = self.main_pid.load(Ordering::SeqCst);
        pid != 0
            && !self.held_open.load(Ordering::SeqCst)
            && self
                .lookup(pid)
                .is_some_and(|p| p.lock_inbox().state == State::Waiting)
    }

    // ---- signals ----

    /// Sends `signal` to process `to`. If `to` has ended (or never existed), the signal bounces:
    /// a link or monitor request is answered as by a dead process (`noproc`), anything else is
    /// dropped, as BEAM does.
    pub fn post(&self, from: u64, to: u64, signal: Signal, local: Option<&Worker<Arc<Pcb>>>) {
        match self.lookup(to) {
            Some(pcb) => self.post_to(&pcb, from, signal, local),
            None => self.bounce(from, to, signal, local),
        }
    }

    /// `post` to a control block already looked up.
    fn post_to(&self, pcb: &Arc<Pcb>, from: u64, signal: Signal, local: Option<&Worker<Arc<Pcb>>>) {
        let to = pcb.pid;
        let wake = {
            let mut inbox = pcb.lock_inbox();
            if inbox.state == State::Exited {
                drop(inbox);
                self.bounce(from, to, signal, local);
                return;
            }
            if inbox.signals.try_reserve(1).is_err() {
                // No memory to queue it: the receiver exits (`Inbox::out_of_memory`).
                inbox.out_of_memory = true;
            } else {
                if matches!(
                    signal,
                    Signal::Message(_) | Signal::AliasMessage { .. } | Signal::Down { .. }
                ) {
                    inbox.messages += 1;
                }
                inbox.signals.push(signal);
            }
            if inbox.state == State::Waiting {
                inbox.state = State::Queued;
                true
            } else {
                false
            }
        };
        if wake {
            self.enqueue(pcb.clone(), local);
        }
    }

    /// Copies `msg` into a fragment and sends it to `to` (a pid).
    pub fn send_message(&self, from: u64, to: u64, msg: Term, local: Option<&Worker<Arc<Pcb>>>) {
        // A message to a process that has ended is dropped without being copied.
        if let Some(pcb) = self.lookup(to) {
            let signal = match Message::try_copy_of(msg) {
                Some(m) => Signal::Message(m),
                // No memory for the copy: the receiver, whose message it was, exits.
                None => Signal::Exit {
                    from,
                    reason: Message::immediate(Term::atom(crate::atom::SYSTEM_LIMIT)),
                    kind: ExitKind::Fatal,
                },
            };
            self.post_to(&pcb, from, signal, local);
        }
    }

    /// Sends a copy of `msg` to the owner of alias `alias`, if it is active (dropped otherwise,
    /// as OTP drops a message to an inactive alias).
    pub fn send_to_alias(
        &self,
        from: u64,
        alias: u64,
        msg: Term,
        local: Option<&Worker<Arc<Pcb>>>,
    ) {
        let Some(to) = self.alias_owner(alias) else {
            return;
        };
        if let Some(pcb) = self.lookup(to) {
            // A message too large to copy is dropped: the alias owner asked for nothing.
            if let Some(msg) = Message::try_copy_of(msg) {
                self.post_to(&pcb, from, Signal::AliasMessage { alias, msg }, local);
            }
        }
    }

    /// The process whose active alias `alias` is.
    pub fn alias_owner(&self, alias: u64) -> Option<u64> {
        let aliases = self.aliases.lock().unwrap_or_else(|e| e.into_inner());
        aliases.get(&alias).copied()
    }

    /// Makes `alias` an active alias of `owner` (`Some`) or removes it (`None`).
    pub fn set_alias(&self, alias: u64, owner: Option<u64>) {
        let mut aliases = self.aliases.lock().unwrap_or_else(|e| e.into_inner());
        match owner {
            Some(pid) => {
                aliases.insert(alias, pid);
            }
            None => {
                aliases.remove(&alias);
            }
        }
    }

    /// The answer a dead process gives to `signal` from `from`.
    pub(crate) fn bounce(
        &self,
        from: u64,
        dead: u64,
        signal: Signal,
        local: Option<&Worker<Arc<Pcb>>>,
    ) {
        let noproc = || Message::immediate(Term::atom(crate::atom::NOPROC));
        match signal {
            Signal::Link { .. } => self.post(
                dead,
                from,
                Signal::Exit {
                    from: dead,
                    reason: noproc(),
                    kind: ExitKind::Link,
                },
                local,
            ),
            Signal::Monitor { reference, .. } => {
                // `noproc` is an immediate: only the small 'DOWN' tuple is allocated.
                let noproc = Term::atom(crate::atom::NOPROC);
                if let Some(msg) = exit::down_message(reference, Term::pid(dead), noproc) {
                    self.post(dead, from, Signal::Down { reference, msg }, local);
                }
            }
            _ => {}
        }
    }

    /// The registered name of `pid`, if any.
    pub fn registered_name(&self, pid: u64) -> Option<Atom> {
        let names = self.names.lock().unwrap_or_else(|e| e.into_inner());
        names.iter().find(|(_, &p)| p == pid).map(|(&n, _)| n)
    }

    /// Memory of every process but `except`, as each reported at the end of its last slice
    /// (bytes).
    pub fn process_memory(&self, except: u64) -> usize {
        self.procs
            .iter()
            .filter(|e| *e.key() != except)
            .map(|e| e.value().memory.load(Ordering::Relaxed))
            .sum()
    }

    /// Reductions of all finished slices.
    pub fn total_reductions(&self) -> u64 {
        self.reductions.load(Ordering::Relaxed)
    }

    pub(crate) fn add_reductions(&self, n: u64) {
        self.reductions.fetch_add(n, Ordering::Relaxed);
    }

    /// `(now, now - previous)` for statistics counter `index`, recording `now`.
    pub(crate) fn stat_delta(&self, index: usize, now: u64) -> (u64, u64) {
        let mut last = self.stat_last.lock().unwrap_or_else(|e| e.into_inner());
        let since = now.saturating_sub(last[index]);
        last[index] = now;
        (now, since)
    }

    // ---- names ----

    /// `erlang:register/2`: false if the name is taken or the process has a name already.
    pub(crate) fn register(&self, name: Atom, pid: u64) -> bool {
        let mut names = self.names.lock().unwrap_or_else(|e| e.into_inner());
        if names.contains_key(&name) || names.values().any(|&p| p == pid) {
            return false;
        }
        names.insert(name, pid);
        true
    }

    /// `erlang:unregister/1`: the pid the name belonged to.
    pub(crate) fn unregister(&self, name: Atom) -> Option<u64> {
        self.names
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&name)
    }

    /// `erlang:whereis/1`.
    pub fn whereis(&self, name: Atom) -> Option<u64> {
        self.names
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&name)
            .copied()
    }

    /// `erlang:registered/0`.
    pub fn registered(&self) -> Vec<Atom> {
        let names = self.names.lock().unwrap_or_else(|e| e.into_inner());
        names.keys().copied().collect()
    }

    // ---- timers ----

    fn timers(&self) -> &TimerService<TimerEvent> {
        self.timers
            .get()
            .expect("timer service starts with the system")
    }

    /// Arms a timer; see `TimerEvent`.
    pub(crate) fn arm_timer(&self, deadline: Instant, event: TimerEvent) -> TimerId {
        self.timers_live.fetch_add(1, Ordering::SeqCst);
        let reference = match &event {
            TimerEvent::Send { reference, .. } => Some(*reference),
            TimerEvent::Wake(_) => None,
        };
        // The ref is entered before arming so that a timer firing at once finds it.
        let mut refs = self.timer_refs.lock().unwrap_or_else(|e| e.into_inner());
        let id = self.timers().arm(deadline, event);
        if let Some(r) = reference {
            refs.insert(r, id);
        }
        id
    }

    /// Cancels a timer: the time it had left, or `None` if it had fired already.
    pub(crate) fn cancel_timer(&self, id: TimerId) -> Option<std::time::Duration> {
        let left = self.timers().cancel(id);
        if left.is_some() {
            self.timers_live.fetch_sub(1, Ordering::SeqCst);
        }
        left
    }

    /// `erlang:cancel_timer/1` and `read_timer/1` by ref id: the time left, `None` if unknown or
    /// fired.
    pub(crate) fn timer_by_ref(&self, reference: u64, cancel: bool) -> Option<std::time::Duration> {
        let mut refs = self.timer_refs.lock().unwrap_or_else(|e| e.into_inner());
        let id = *refs.get(&reference)?;
        if cancel {
            refs.remove(&reference);
            drop(refs);
            self.cancel_timer(id)
        } else {
            self.timers().read(id)
        }
    }

    fn fire_timer(&self, event: TimerEvent) {
        match event {
            TimerEvent::Wake(pid) => self.post(pid, pid, Signal::Timeout, None),
            TimerEvent::Send { to, msg, reference } => {
                self.timer_refs
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .remove(&reference);
                let pid = match (to.as_pid(), to.as_atom()) {
                    (Some(p), _) => Some(p),
                    (None, Some(name)) => self.whereis(name),
                    _ => None,
                };
                if let Some(pid) = pid {
                    self.post(0, pid, Signal::Message(msg), None);
                }
            }
        }
        // The timer counts as live until its effect is queued (so an idle scheduler cannot take
        // the gap for a deadlock). But a scheduler may have run the woken process and gone idle
        // since, seeing this timer still live and parking without a deadline: wake one to look
        // again now that no timer is left.
        if self.timers_live.fetch_sub(1, Ordering::SeqCst) == 1 {
            self.wake_one();
        }
    }

    /// Stops the timer thread (the scheduler threads are stopped by `scheduler::Schedulers`).
    pub(crate) fn stop_timers(&self) {
        if let Some(t) = self.timers.get() {
            t.shutdown();
        }
    }

    // ---- run queues ----

    /// Makes `pcb` runnable: onto the calling scheduler's own queue if there is one (the process
    /// that woke it likely blocks soon, so this scheduler runs it next), else the global one.
    /// A sleeping scheduler is woken at once for the global queue and for a local queue holding
    /// more than one process; for a lone process on a local queue, the slice decides (see
    /// `SliceSystem::wake_for_queued`): waking a core for every message of a ping-pong would
    /// cost a system call per message and move the partner across cores.
    pub(crate) fn enqueue(&self, pcb: Arc<Pcb>, local: Option<&Worker<Arc<Pcb>>>) {
        self.epoch.fetch_add(1, Ordering::SeqCst);
        let priority =
            crate::process_flags::Priority::from_u8(pcb.priority.load(Ordering::Relaxed));
        match priority {
            crate::process_flags::Priority::High | crate::process_flags::Priority::Max => {
                self.urgent.push(pcb);
                self.wake_one();
                return;
            }
            crate::process_flags::Priority::Low => {
                self.low.push(pcb);
                self.wake_one();
                return;
            }
            crate::process_flags::Priority::Normal => {}
        }
        match local {
            Some(w) => {
                w.push(pcb);
                if w.len() > 1 {
                    self.wake_one();
                }
            }
            None => {
                self.injector.push(pcb);
                self.wake_one();
            }
        }
    }

    /// Whether the queues of priorities other than `normal` hold a process.
    pub(crate) fn has_priority_work(&self) -> bool {
        !self.urgent.is_empty() || !self.low.is_empty()
    }

    /// Wakes one sleeping scheduler, if any is asleep and none is already searching for work.
    pub(crate) fn wake_one(&self) {
        std::sync::atomic::fence(Ordering::SeqCst);
        if self.n_idle.load(Ordering::SeqCst) == 0 || self.searching.load(Ordering::SeqCst) > 0 {
            return;
        }
        let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(i) = idle.pop() {
            self.n_idle.store(idle.len(), Ordering::SeqCst);
            self.searching.fetch_add(1, Ordering::SeqCst);
            self.wakeups.fetch_add(1, Ordering::Relaxed);
            drop(idle);
            if let Some(u) = self.unparkers.get().and_then(|v| v.get(i)) {
                u.unpark();
            }
        }
    }

    /// A scheduler woken by `wake_one` stops searching: it found work (`found`) or is going
    /// back to sleep. The last searcher to find work wakes another if more is queued, so a burst
    /// of wake-ups skipped while it searched is not left to a busy scheduler.
    pub(crate) fn stop_searching(&self, found: bool) {
        let last = self.searching.fetch_sub(1, Ordering::SeqCst) == 1;
        if found && last && self.has_queued_work() {
            self.wake_one();
        }
    }

    /// Whether any run queue (global or a scheduler's) holds a process.
    fn has_queued_work(&self) -> bool {
        self.has_priority_work()
            || !self.injector.is_empty()
            || self
                .stealers
                .get()
                .is_some_and(|ss| ss.iter().any(|s| !s.is_empty()))
    }
}

impl Drop for System {
    fn drop(&mut self) {
        self.stop_timers();
    }
}

#[cfg(test)]
mod wake_tests {
    use super::*;
    use std::time::Duration;

    /// Waits (up to 10 s) until `n` schedulers are idle.
    fn wait_idle(sys: &System, n: usize) {
        let end = Instant::now() + Duration::from_secs(10);
        while sys.n_idle.load(Ordering::SeqCst) != n {
            assert!(Instant::now() < end, "schedulers did not go idle");
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    /// A process queued on a busy scheduler's own queue is handed to an idle scheduler as soon
    /// as the waker goes on to run a builtin (which may take long) instead of waiting.
    #[test]
    fn a_builtin_after_a_wake_up_wakes_an_idle_scheduler() {
        let rt = crate::runtime::Runtime::new(Box::new(std::io::sink()));
        let sys = rt.system().clone();
        let schedulers = scheduler::start(&sys, 2);
        wait_idle(&sys, 2);
        // The queue of a busy scheduler (here of no scheduler, so nothing steals from it).
        let busy = Worker::new_fifo();
        let me = Arc::new(Pcb::new(Process::new(1_000_000, 0, 0, &[]), State::Running));
        let slice = slice::SliceSystem::new(&sys, &me, Some(&busy));
        let partner = Arc::new(Pcb::new(Process::new(1_000_001, 0, 0, &[]), State::Waiting));
        sys.procs.insert(partner.pid, partner.clone());
        let before = sys.wakeups.load(Ordering::SeqCst);
        crate::interp::system::ProcessSystem::post(&slice, me.pid, partner.pid, Signal::Timeout);
        assert_eq!(busy.len(), 1, "the partner is queued locally");
        assert_eq!(sys.wakeups.load(Ordering::SeqCst), before, "no wake-up yet");
        crate::interp::system::ProcessSystem::wake_for_queued(&slice);
        assert_eq!(
            sys.wakeups.load(Ordering::SeqCst),
            before + 1,
            "one scheduler woken"
        );
        // The woken scheduler finds nothing it can take and goes back to sleep.
        wait_idle(&sys, 2);
        assert_eq!(sys.searching.load(Ordering::SeqCst), 0);
        drop(schedulers);
    }
}
