//! The scheduler's side of `interp::system::ProcessSystem`: the process system as the process a
//! scheduler thread is running sees it. Holds that process's control block and the thread's run
//! queue, so the interpreter needs neither.

use super::scheduler::take_signals;
use super::{Observed, System};
use crate::interp::system::{Peek, ProcessSystem};
use crate::process::Process;
use crate::signal::{Pcb, Signal, State, TimerEvent};
use crate::term::{Atom, Term};
use crossbeam_deque::Worker;
use std::cell::Cell;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// `System` for the slice of process `me`, run on the scheduler thread whose queue is `local`.
pub(crate) struct SliceSystem<'a> {
    pub sys: &'a System,
    pub me: &'a Arc<Pcb>,
    pub local: Option<&'a Worker<Arc<Pcb>>>,
    /// This slice woke a process onto `local` without waking another scheduler for it.
    queued_locally: Cell<bool>,
}

impl<'a> SliceSystem<'a> {
    pub(crate) fn new(
        sys: &'a System,
        me: &'a Arc<Pcb>,
        local: Option<&'a Worker<Arc<Pcb>>>,
    ) -> SliceSystem<'a> {
        SliceSystem {
            sys,
            me,
            local,
            queued_locally: Cell::new(false),
        }
    }

    /// Notes a process this slice may have queued on `local` (see `wake_for_queued`).
    fn note_queued(&self) {
        if self.local.is_some_and(|w| !w.is_empty()) {
            self.queued_locally.set(true);
        }
    }
}

impl ProcessSystem for SliceSystem<'_> {
    fn load_code(
        &self,
        expect: Atom,
        file: Option<&str>,
        bytes: &[u8],
    ) -> Result<Atom, crate::code::hot::LoadFailure> {
        super::loading::load_bytes(self.sys, Some(expect), file, bytes)
    }
    fn code_now(&self) -> Arc<crate::code::table::CodeTable> {
        self.sys.code()
    }
    fn purge_code(&self, module: Atom) -> Result<(), crate::code::table::TableError> {
        super::loading::purge(self.sys, module)
    }
    fn revert_code(&self, module: Atom) -> Result<(), crate::code::table::TableError> {
        super::loading::revert(self.sys, module)
    }
    fn delete_code(&self, module: Atom) -> Result<(), crate::code::table::TableError> {
        super::loading::delete(self.sys, module)
    }

    fn register(&self, name: Atom, pid: u64) -> bool {
        self.sys.register(name, pid)
    }
    fn unregister(&self, name: Atom) -> Option<u64> {
        self.sys.unregister(name)
    }
    fn whereis(&self, name: Atom) -> Option<u64> {
        self.sys.whereis(name)
    }
    fn registered(&self) -> Vec<Atom> {
        self.sys.registered()
    }
    fn registered_name(&self, pid: u64) -> Option<Atom> {
        self.sys.registered_name(pid)
    }

    fn pids(&self) -> Vec<u64> {
        self.sys.pids()
    }
    fn exists(&self, pid: u64) -> bool {
        self.sys.lookup(pid).is_some()
    }
    fn new_pid(&self) -> u64 {
        self.sys.new_pid()
    }
    fn spawn(&self, process: Process) {
        self.sys.spawn(process, self.local);
        self.note_queued();
    }

    fn post(&self, from: u64, to: u64, signal: Signal) {
        self.sys.post(from, to, signal, self.local);
        self.note_queued();
    }
    fn send_message(&self, from: u64, to: u64, msg: Term) {
        self.sys.send_message(from, to, msg, self.local);
        self.note_queued();
    }
    fn send_to_alias(&self, from: u64, alias: u64, msg: Term) {
        self.sys.send_to_alias(from, alias, msg, self.local);
        self.note_queued();
    }
    fn set_priority(&self, priority: crate::process_flags::Priority) {
        self.me
            .priority
            .store(priority as u8, std::sync::atomic::Ordering::Relaxed);
    }
    fn set_alias(&self, alias: u64, owner: Option<u64>) {
        self.sys.set_alias(alias, owner);
    }
    fn wake_for_queued(&self) {
        if self.queued_locally.replace(false) && self.local.is_some_and(|w| !w.is_empty()) {
            self.sys.wake_one();
        }
    }
    fn take_in_signals(&self, caller: &mut Process) -> Result<(), Term> {
        let Some(signals) = take_signals(self.me, caller) else {
            return Ok(());
        };
        self.sys
            .handle_signals(caller, signals)
            .map_err(|die| die.0)?;
        self.me.lock_inbox().in_flight = false;
        Ok(())
    }
    fn arrived_messages(&self) -> usize {
        self.me.lock_inbox().messages
    }

    fn observe(&self, from: u64, pid: u64) -> Peek {
        match self.sys.observe(from, pid) {
            Observed::Gone => Peek::Gone,
            Observed::Busy => Peek::Busy,
            Observed::Alive { .. } => Peek::Alive,
        }
    }
    fn inspect(&self, from: u64, pid: u64, f: &mut dyn FnMut(&Process, State, usize)) -> Peek {
        let (pcb, state, queued) = match self.sys.observe(from, pid) {
            Observed::Gone => return Peek::Gone,
            Observed::Busy => return Peek::Busy,
            Observed::Alive { pcb, state, queued } => (pcb, state, queued),
        };
        // Another scheduler is running it: ask again once it is descheduled.
        let Some(guard) = pcb.try_lock_body() else {
            return Peek::Busy;
        };
        match guard.as_ref() {
            Some(other) => {
                f(other, state, queued);
                Peek::Alive
            }
            None => Peek::Gone,
        }
    }
    fn with_process(&self, pid: u64, f: &mut dyn FnMut(&mut Process)) -> bool {
        let Some(pcb) = self.sys.lookup(pid) else {
            return false;
        };
        if let Some(mut guard) = pcb.try_lock_body() {
            if let Some(other) = guard.as_mut() {
                f(other);
            }
        }
        true
    }

    fn process_memory(&self, except: u64) -> usize {
        self.sys.process_memory(except)
    }
    fn total_reductions(&self) -> u64 {
        self.sys.total_reductions()
    }
    fn add_reductions(&self, n: u64) {
        self.sys.add_reductions(n);
    }
    fn stat_delta(&self, index: usize, now: u64) -> (u64, u64) {
        self.sys.stat_delta(index, now)
    }

    fn arm_timer(&self, deadline: Instant, event: TimerEvent) {
        self.sys.arm_timer(deadline, event);
    }
    fn timer_by_ref(&self, reference: u64, cancel: bool) -> Option<Duration> {
        self.sys.timer_by_ref(reference, cancel)
    }
}
