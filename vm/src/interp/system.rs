//! The interpreter's one view of the process system: everything a process builtin, `send` or
//! `receive` needs from the scheduler, as a narrow trait the scheduler implements for the process
//! it is running. The interpreter never sees the process table, run queues or control blocks, and
//! does not import the scheduler.

use crate::process::Process;
use crate::signal::{Signal, State, TimerEvent};
use crate::term::{Atom, Term};
use std::time::{Duration, Instant};

/// What a look at another process found (`is_process_alive/1`, `process_info/2`).
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum Peek {
    /// No such process, or it has exited.
    Gone,
    /// It has not yet handled every signal the caller sent it, or another scheduler holds it:
    /// the caller must ask again later (BEAM orders the answer after the caller's signals).
    Busy,
    /// Alive (and, for `inspect`, looked at).
    Alive,
}

/// The process system as seen by the process running a slice. Pids are `u64` numbers; "the
/// caller" is the running process.
pub trait ProcessSystem {
    /// `register/2`: true if `name` was free and is now `pid`'s.
    fn register(&self, name: Atom, pid: u64) -> bool;
    /// `unregister/1`: the pid the name had, if any.
    fn unregister(&self, name: Atom) -> Option<u64>;
    /// `whereis/1`.
    fn whereis(&self, name: Atom) -> Option<u64>;
    /// `registered/0` (unordered).
    fn registered(&self) -> Vec<Atom>;
    /// The name `pid` is registered under, if any.
    fn registered_name(&self, pid: u64) -> Option<Atom>;

    /// Every live pid (unordered).
    fn pids(&self) -> Vec<u64>;
    /// True if `pid` is in the process table (it may be exiting).
    fn exists(&self, pid: u64) -> bool;
    /// A fresh pid number for a process about to be spawned.
    fn new_pid(&self) -> u64;
    /// Adds `process` (made with a pid from `new_pid`) to the table and makes it runnable.
    fn spawn(&self, process: Process);

    /// Sends `signal` from `from` to `to` (dropped, or answered as from a dead process, when
    /// `to` has exited: see `sched::System::post`).
    fn post(&self, from: u64, to: u64, signal: Signal);
    /// Sends a copy of `msg` (a term on `from`'s heap) to `to`'s mailbox.
    fn send_message(&self, from: u64, to: u64, msg: Term);
    /// Sends a copy of `msg` through the process alias `alias` (dropped if it is not active).
    fn send_to_alias(&self, from: u64, alias: u64, msg: Term);
    /// The caller's priority changed (`process_flag(priority, _)`): the run queue it goes on.
    fn set_priority(&self, priority: crate::process_flags::Priority);
    /// Makes `alias` an active alias of `owner` (`Some`), or ends it (`None`).
    fn set_alias(&self, alias: u64, owner: Option<u64>);
    /// Called before a builtin runs: a process the caller woke onto its scheduler's own queue
    /// (which that scheduler would run only after the caller) is handed to an idle scheduler,
    /// since the builtin may take long. A caller that blocks in `receive` instead runs it next
    /// on the same core, with no wake-up.
    fn wake_for_queued(&self) {}
    /// Takes in the signals that arrived for the caller since it last looked: messages join its
    /// mailbox, links and monitors are updated. `Err(reason)` if an exit signal ends it.
    fn take_in_signals(&self, caller: &mut Process) -> Result<(), Term>;
    /// Messages that arrived for the caller and are not yet in its mailbox.
    fn arrived_messages(&self) -> usize;

    /// Whether `pid` is alive as `from` may observe it.
    fn observe(&self, from: u64, pid: u64) -> Peek;
    /// As `observe`, and when alive calls `f` with the process, its state and the number of
    /// messages waiting in its inbox.
    fn inspect(&self, from: u64, pid: u64, f: &mut dyn FnMut(&Process, State, usize)) -> Peek;
    /// Runs `f` on process `pid` if it exists and no scheduler is running it; false if it does
    /// not exist.
    fn with_process(&self, pid: u64, f: &mut dyn FnMut(&mut Process)) -> bool;

    /// Words of memory held by every process but `except`.
    fn process_memory(&self, except: u64) -> usize;
    /// Reductions of every process so far.
    fn total_reductions(&self) -> u64;
    /// Adds a slice's reductions to the total.
    fn add_reductions(&self, n: u64);
    /// `statistics/1` deltas: counter `index` is now `now`; returns `(now, since last call)`.
    fn stat_delta(&self, index: usize, now: u64) -> (u64, u64);

    /// Arms a timer that does `event` at `deadline`.
    fn arm_timer(&self, deadline: Instant, event: TimerEvent);
    /// The time left on the timer with reference id `reference`, cancelling it if `cancel`.
    fn timer_by_ref(&self, reference: u64, cancel: bool) -> Option<Duration>;

    // -- hot code loading (docs/code-loading.md) --

    /// Loads the `.kbc` image `bytes` as the new current version of `expect`.
    fn load_code(
        &self,
        expect: Atom,
        file: Option<&str>,
        bytes: &[u8],
    ) -> Result<Atom, crate::code::hot::LoadFailure>;
    /// The code table as published now (the slice runs on the one published at its start).
    fn code_now(&self) -> std::sync::Arc<crate::code::table::CodeTable>;
    /// Drops `module`'s old code.
    fn purge_code(&self, module: Atom) -> Result<(), crate::code::table::TableError>;
    /// Drops `module`'s current code (a failed `-on_load`); its old code is current again.
    fn revert_code(&self, module: Atom) -> Result<(), crate::code::table::TableError>;
    /// Makes `module`'s current code old.
    fn delete_code(&self, module: Atom) -> Result<(), crate::code::table::TableError>;
}
