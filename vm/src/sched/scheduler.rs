//! Scheduler threads: each owns a FIFO run queue and a set of X registers, runs a process for a
//! slice of reductions (BEAM's 4,000), then puts it back, so a process in an endless loop cannot
//! starve the others. An idle scheduler steals from the global queue and the others' queues, and
//! sleeps (parked, using no CPU) when there is nothing to run.

use super::handle::Die;
use super::{MainOutcome, System};
use crate::interp::{new_xregs, run_slice, Ctx, ExitReason, SliceOutcome, XRegs};
use crate::process::Process;
use crate::signal::TimerEvent;
use crate::signal::{Pcb, State};
use crate::term::Term;
use crossbeam_deque::{Steal, Worker};
use crossbeam_utils::sync::Parker;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;

/// Reductions per slice (BEAM's `CONTEXT_REDS`).
pub const SLICE_REDUCTIONS: usize = 4000;

/// The signals in `pcb`'s inbox, if any, swapped for the process's empty spare buffer (so that
/// neither vector is reallocated in a steady exchange of messages).
pub(crate) fn take_signals(pcb: &Pcb, p: &mut Process) -> Option<Vec<crate::signal::Signal>> {
    let mut inbox = pcb.lock_inbox();
    if inbox.out_of_memory {
        // The queue could not grow: drop it (freeing its messages) and leave one fatal exit in
        // its place, in the capacity it already has.
        inbox.out_of_memory = false;
        inbox.messages = 0;
        inbox.in_flight = true;
        let mut signals = std::mem::take(&mut inbox.signals);
        signals.clear();
        signals.push(crate::signal::Signal::Exit {
            from: pcb.pid,
            reason: crate::signal::Message::immediate(crate::term::Term::atom(
                crate::atom::SYSTEM_LIMIT,
            )),
            kind: crate::signal::ExitKind::Fatal,
        });
        return Some(signals);
    }
    if inbox.signals.is_empty() {
        return None;
    }
    inbox.messages = 0;
    inbox.in_flight = true;
    let spare = std::mem::take(&mut p.signal_buf);
    Some(std::mem::replace(&mut inbox.signals, spare))
}

/// A scheduler takes a `low` priority process before `normal` ones once every this many picks.
const LOW_EVERY: u32 = 8;

/// One process from a priority queue, if any.
fn steal_one(q: &crossbeam_deque::Injector<Arc<Pcb>>) -> Option<Arc<Pcb>> {
    loop {
        match q.steal() {
            Steal::Success(p) => return Some(p),
            Steal::Empty => return None,
            Steal::Retry => continue,
        }
    }
}

/// How long a deadlock must look settled before it is reported.
const DEADLOCK_GRACE: std::time::Duration = std::time::Duration::from_millis(100);

/// Rust stack of a scheduler thread.
const SCHEDULER_STACK_BYTES: usize = 16 << 20;

/// The scheduler threads of a system; dropping it stops and joins them.
pub struct Schedulers {
    sys: Arc<System>,
    threads: Vec<JoinHandle<()>>,
}

/// Starts `n` (at least 1) scheduler threads for `sys`.
pub fn start(sys: &Arc<System>, n: usize) -> Schedulers {
    let n = n.max(1);
    let workers: Vec<Worker<Arc<Pcb>>> = (0..n).map(|_| Worker::new_fifo()).collect();
    let parkers: Vec<Parker> = (0..n).map(|_| Parker::new()).collect();
    let _ = sys
        .stealers
        .set(workers.iter().map(|w| w.stealer()).collect());
    let _ = sys
        .unparkers
        .set(parkers.iter().map(|p| p.unparker().clone()).collect());
    let _ = sys
        .slice_gens
        .set((0..n).map(|_| AtomicU64::new(super::SLICE_IDLE)).collect());
    let threads = workers
        .into_iter()
        .zip(parkers)
        .enumerate()
        .map(|(i, (worker, parker))| {
            let sys = sys.clone();
            std::thread::Builder::new()
                .name(format!("krarup-sched-{i}"))
                // Builtins that walk deep terms recurse on the Rust stack; give them the room the
                // main thread has.
                .stack_size(SCHEDULER_STACK_BYTES)
                .spawn(move || sys.scheduler_loop(i, worker, parker))
                .expect("spawn a scheduler thread")
        })
        .collect();
    Schedulers {
        sys: sys.clone(),
        threads,
    }
}

impl Drop for Schedulers {
    fn drop(&mut self) {
        self.sys.stopping.store(true, Ordering::SeqCst);
        if let Some(us) = self.sys.unparkers.get() {
            us.iter().for_each(|u| u.unpark());
        }
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }
}

impl System {
    fn scheduler_loop(&self, index: usize, local: Worker<Arc<Pcb>>, parker: Parker) {
        let mut x = new_xregs();
        // Woken by `wake_one` and not yet settled (see `System::searching`).
        let mut searching = false;
        let mut picks: u32 = 0;
        while !self.stopping.load(Ordering::Relaxed) {
            picks = picks.wrapping_add(1);
            let work = self.find_work(index, &local, picks);
            if std::mem::take(&mut searching) {
                self.stop_searching(work.is_some());
            }
            match work {
                Some(pcb) => {
                    self.run_process(&pcb, &local, &mut x, index);
                    if let Some(g) = self.slice_gens.get().and_then(|g| g.get(index)) {
                        g.store(super::SLICE_IDLE, Ordering::SeqCst);
                    }
                }
                None => searching = self.sleep(index, &local, &parker),
            }
        }
        if searching {
            self.stop_searching(false);
        }
        while let Some(p) = local.pop() {
            self.injector.push(p);
        }
    }

    /// The next process to run: one of priority `high` or `max` first; then the global queue
    /// (processes woken by timers wait there, and must not wait behind a busy local queue), then
    /// the local queue, then stealing; a `low` one last. Every `LOW_EVERY`th pick takes a `low`
    /// one first, so that busy `normal` processes do not starve them (BEAM also runs `low`
    /// processes now and then among `normal` ones).
    pub(crate) fn find_work(
        &self,
        index: usize,
        local: &Worker<Arc<Pcb>>,
        picks: u32,
    ) -> Option<Arc<Pcb>> {
        if let Some(p) = steal_one(&self.urgent) {
            return Some(p);
        }
        if picks.is_multiple_of(LOW_EVERY) {
            if let Some(p) = steal_one(&self.low) {
                return Some(p);
            }
        }
        self.find_normal_work(index, local)
            .or_else(|| steal_one(&self.low))
    }

    fn find_normal_work(&self, index: usize, local: &Worker<Arc<Pcb>>) -> Option<Arc<Pcb>> {
        if !self.injector.is_empty() {
            loop {
                match self.injector.steal_batch_and_pop(local) {
                    Steal::Success(p) => return Some(p),
                    Steal::Empty => break,
                    Steal::Retry => continue,
                }
            }
        }
        if let Some(p) = local.pop() {
            return Some(p);
        }
        let stealers = self.stealers.get()?;
        let n = stealers.len();
        for k in 1..n {
            let s = &stealers[(index + k) % n];
            loop {
                match s.steal_batch_and_pop(local) {
                    Steal::Success(p) => return Some(p),
                    Steal::Empty => break,
                    Steal::Retry => continue,
                }
            }
        }
        None
    }

    /// Parks until woken. Detects a deadlock: the main process waits in `receive`, every
    /// scheduler is idle, nothing is queued and no timer is armed, and that is still so, with no
    /// process having been queued or run meanwhile, after a grace period (the check races with
    /// schedulers that are just taking work, so one look is not enough). Returns whether
    /// `wake_one` woke it (it then counts as searching).
    fn sleep(&self, index: usize, local: &Worker<Arc<Pcb>>, parker: &Parker) -> bool {
        {
            let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
            idle.push(index);
            self.n_idle.store(idle.len(), Ordering::SeqCst);
        }
        std::sync::atomic::fence(Ordering::SeqCst);
        // Work queued between our last look and registering as idle must not be missed.
        if !self.injector.is_empty() || self.has_priority_work() || self.has_stealable(local) {
            return self.leave_idle(index);
        }
        if self.looks_deadlocked(local) {
            let epoch = self.epoch.load(Ordering::SeqCst);
            parker.park_timeout(DEADLOCK_GRACE);
            if self.epoch.load(Ordering::SeqCst) == epoch && self.looks_deadlocked(local) {
                self.finish(MainOutcome::Deadlock);
            }
        } else {
            parker.park();
        }
        self.leave_idle(index)
    }

    fn looks_deadlocked(&self, local: &Worker<Arc<Pcb>>) -> bool {
        let all_idle = {
            let idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
            idle.len() == self.stealers.get().map_or(1, |s| s.len())
        };
        all_idle
            && self.timers_live.load(Ordering::SeqCst) == 0
            && self.injector.is_empty()
            && !self.has_priority_work()
            && !self.has_stealable(local)
            && !self.stopping.load(Ordering::SeqCst)
            && self.main_waiting()
    }

    fn has_stealable(&self, local: &Worker<Arc<Pcb>>) -> bool {
        !local.is_empty()
            || self
                .stealers
                .get()
                .is_some_and(|ss| ss.iter().any(|s| !s.is_empty()))
    }

    /// Takes scheduler `index` off the idle list; true if `wake_one` had already taken it off
    /// (and counted it as searching).
    fn leave_idle(&self, index: usize) -> bool {
        let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
        let before = idle.len();
        idle.retain(|&i| i != index);
        self.n_idle.store(idle.len(), Ordering::SeqCst);
        idle.len() == before
    }

    /// Runs `pcb` until it yields, waits, or ends.
    fn run_process(&self, pcb: &Arc<Pcb>, local: &Worker<Arc<Pcb>>, x: &mut XRegs, index: usize) {
        let my_gen = self.slice_gens.get().and_then(|g| g.get(index));
        self.epoch.fetch_add(1, Ordering::SeqCst);
        {
            let mut inbox = pcb.lock_inbox();
            if inbox.state == State::Exited {
                return;
            }
            inbox.state = State::Running;
        }
        loop {
            let mut body = pcb.lock_body();
            let Some(p) = body.as_mut() else {
                return;
            };
            // Each slice runs on the code snapshot published when it starts, taken with the
            // body locked: a purge that found this process outside the old code (it inspects
            // only unlocked bodies) was published before, so the slice cannot enter that code
            // through a remote call (docs/code-loading.md).
            if let Some(g) = my_gen {
                g.store(0, Ordering::SeqCst);
            }
            let code = self.code();
            if let Some(g) = my_gen {
                g.store(code.generation(), Ordering::SeqCst);
            }
            // The code barrier: a process that changed code waits (yielding) until no scheduler
            // runs a slice on an older generation.
            if let Some(gen) = p.code_barrier {
                if !self.code_barrier_passed(gen) {
                    drop(body);
                    pcb.lock_inbox().state = State::Queued;
                    self.enqueue(pcb.clone(), Some(local));
                    return;
                }
                p.code_barrier = None;
            }
            if let Some(signals) = take_signals(pcb, p) {
                // Taking in signals allocates on the process's heap (a 'DOWN' or 'EXIT' tuple):
                // if memory runs out there, the process exits as it would in a slice.
                let taken = catch_unwind(AssertUnwindSafe(|| self.handle_signals(p, signals)))
                    .unwrap_or_else(
                        |panic| match panic.downcast::<crate::limits::OutOfMemory>() {
                            Ok(_) => Err(Die(Term::atom(crate::atom::SYSTEM_LIMIT))),
                            Err(other) => std::panic::resume_unwind(other),
                        },
                    );
                if let Err(Die(reason)) = taken {
                    let p = body.take().expect("checked above");
                    drop(body);
                    self.exit_process(pcb, p, ExitReason::Signal(reason), Some(local));
                    return;
                }
                pcb.lock_inbox().in_flight = false;
            }
            let sys = super::slice::SliceSystem::new(self, pcb, Some(local));
            let ctx = Ctx {
                shared: &self.shared,
                code: &code,
                sys: &sys,
            };
            let outcome = catch_unwind(AssertUnwindSafe(|| run_slice(ctx, p, x, SLICE_REDUCTIONS)))
                .unwrap_or_else(|panic| {
                    let what = panic
                        .downcast_ref::<&str>()
                        .map(|s| s.to_string())
                        .or_else(|| panic.downcast_ref::<String>().cloned())
                        .unwrap_or_else(|| "panic".into());
                    SliceOutcome::Exited {
                        reason: ExitReason::Internal(format!(
                            "process <0.{}.0> crashed inside the VM: {what}",
                            pcb.pid
                        )),
                    }
                });
            pcb.memory.store(p.memory_bytes(), Ordering::Relaxed);
            match outcome {
                SliceOutcome::Yielded => {
                    drop(body);
                    pcb.lock_inbox().state = State::Queued;
                    self.enqueue(pcb.clone(), Some(local));
                    return;
                }
                SliceOutcome::Waiting { timeout_ms } => {
                    self.arm_receive_timer(p, timeout_ms.is_some());
                    drop(body);
                    let mut inbox = pcb.lock_inbox();
                    if inbox.signals.is_empty() && !inbox.out_of_memory {
                        inbox.state = State::Waiting;
                        return;
                    }
                    // Signals arrived meanwhile: run on (the loop takes them in).
                }
                SliceOutcome::Exited { reason } => {
                    let p = body.take().expect("checked above");
                    drop(body);
                    self.exit_process(pcb, p, reason, Some(local));
                    return;
                }
                SliceOutcome::Halted(status) => {
                    drop(body);
                    pcb.lock_inbox().state = State::Queued;
                    self.finish(MainOutcome::Halted(status));
                    return;
                }
            }
        }
    }

    /// Arms (or cancels) the timer of a process that waits in `receive`: `after` is whether the
    /// receive has an `after` clause (its deadline is `Process::timer`).
    fn arm_receive_timer(&self, p: &mut Process, after: bool) {
        let deadline = if after { p.timer } else { None };
        if p.timer_armed.map(|(d, _)| d) == deadline {
            return;
        }
        if let Some((_, id)) = p.timer_armed.take() {
            self.cancel_timer(super::timer::TimerId(id));
        }
        if let Some(d) = deadline {
            let id = self.arm_timer(d, TimerEvent::Wake(p.pid));
            p.timer_armed = Some((d, id.0));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signal::{ExitKind, Message, Signal};

    /// A signal that could not be queued for lack of memory (`Inbox::out_of_memory`) makes the
    /// receiver's next signal intake a fatal `system_limit` exit, dropping the queue.
    #[test]
    fn an_unqueued_signal_ends_the_receiver_with_system_limit() {
        let pcb = Pcb::new(Process::new(7, 0, 0, &[]), State::Waiting);
        let mut body = pcb.lock_body();
        let p = body.as_mut().expect("alive");
        assert!(take_signals(&pcb, p).is_none());
        {
            let mut inbox = pcb.lock_inbox();
            inbox
                .signals
                .push(Signal::Message(Message::immediate(Term::NIL)));
            inbox.messages = 1;
            inbox.out_of_memory = true;
        }
        let taken = take_signals(&pcb, p).expect("the exit");
        match taken.as_slice() {
            [Signal::Exit { reason, kind, .. }] => {
                assert_eq!(*kind, ExitKind::Fatal);
                assert_eq!(reason.term, Term::atom(crate::atom::SYSTEM_LIMIT));
            }
            other => panic!("expected one fatal exit, got {} signals", other.len()),
        }
        let inbox = pcb.lock_inbox();
        assert!(!inbox.out_of_memory && inbox.messages == 0 && inbox.signals.is_empty());
    }
}
