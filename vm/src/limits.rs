//! Resource limits: the process limit (`erl +P`), and what happens when memory runs out on a
//! process's behalf. The atom limit (`erl +t`) lives with the atom table (`atom::AtomTable`).
//!
//! # Running out of memory
//! Heap allocation never fails to its callers (`heap` module doc), so a failed request cannot be
//! returned to them. Instead the allocation sites made on a process's behalf (heap blocks, the
//! collector's to-space, the stack, off-heap binaries, the mailbox, the dictionary) allocate
//! fallibly and, on failure, unwind
//! with an [`OutOfMemory`] payload. `interp::run_slice` catches it, frees the process's memory
//! and ends the process with `{system_limit, Stack}` as an uncaught error (with its error
//! report); other processes run on. BEAM aborts the whole node instead. The unwind leaves the
//! process's heap half-built, which is safe because nothing reads it again: the process is
//! dropped, and its heap's only destructor work is releasing its refc-binary counts. A signal
//! that cannot be queued for a process (its signal queue cannot grow) sets
//! `signal::Inbox::out_of_memory`, and the process exits with `system_limit` when it next takes
//! in its signals.

use crate::process::Process;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The panic payload of an allocation that failed on a process's behalf: the bytes asked for.
#[derive(Debug, Clone, Copy)]
pub struct OutOfMemory {
    pub bytes: usize,
}

/// Ends the running slice because `bytes` could not be allocated (see the module doc). Unwinds
/// without running the panic hook, so nothing is printed for it.
#[cold]
#[inline(never)]
pub fn out_of_memory(bytes: usize) -> ! {
    std::panic::resume_unwind(Box::new(OutOfMemory { bytes }))
}

/// A `Vec<T>` with room for `n` more elements than `v` holds, or the process's exit through
/// [`out_of_memory`].
pub fn reserve_or_exit<T>(v: &mut Vec<T>, n: usize) {
    if v.try_reserve(n).is_err() {
        out_of_memory(n.saturating_mul(std::mem::size_of::<T>()));
    }
}

/// BEAM's default process limit (`system_info(process_limit)` without `+P`).
pub const DEFAULT_PROCESS_LIMIT: usize = 262_144;

/// The range `erl +P N` accepts (OTP 25 refuses other values with "bad number of processes").
pub const PROCESS_LIMIT_RANGE: std::ops::RangeInclusive<usize> = 1024..=134_217_727;

/// The process limit `erl +P n` sets: `n` rounded up to a power of two, at most the top of
/// [`PROCESS_LIMIT_RANGE`]; `None` if `n` is outside that range.
pub fn process_limit_for(n: usize) -> Option<usize> {
    if !PROCESS_LIMIT_RANGE.contains(&n) {
        return None;
    }
    Some(n.next_power_of_two().min(*PROCESS_LIMIT_RANGE.end()))
}

/// The live-process count and its limit, shared by every scheduler.
#[derive(Debug)]
pub struct ProcessCount {
    live: AtomicUsize,
    limit: AtomicUsize,
}

impl Default for ProcessCount {
    fn default() -> Self {
        ProcessCount {
            live: AtomicUsize::new(0),
            limit: AtomicUsize::new(DEFAULT_PROCESS_LIMIT),
        }
    }
}

impl ProcessCount {
    /// Processes alive (`erlang:system_info(process_count)`).
    pub fn live(&self) -> usize {
        self.live.load(Ordering::Relaxed)
    }

    /// The most processes alive at once (`erlang:system_info(process_limit)`).
    pub fn limit(&self) -> usize {
        self.limit.load(Ordering::Relaxed)
    }

    /// Sets the limit (a value from [`process_limit_for`]).
    pub fn set_limit(&self, limit: usize) {
        self.limit.store(limit, Ordering::Relaxed);
    }

    /// Counts one more process if the limit allows it (a `spawn` about to happen); false at the
    /// limit (`spawn` raises `system_limit`).
    pub fn reserve(&self) -> bool {
        let limit = self.limit();
        self.live
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (n < limit).then_some(n + 1)
            })
            .is_ok()
    }

    /// Counts one more process whatever the limit (the main process).
    pub fn add(&self) {
        self.live.fetch_add(1, Ordering::AcqRel);
    }

    /// Counts one process less (it left the process table).
    pub fn remove(&self) {
        let _ = self
            .live
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| n.checked_sub(1));
    }
}

/// The exception a process exits with when an allocation failed on its behalf at `here` (the
/// running instruction): `error:system_limit` with the stack trace an error raised there would
/// have. Frees the process's memory first (`release_memory`); the terms are on its fresh heap.
pub fn out_of_memory_exit(
    p: &mut Process,
    code: &crate::code::table::CodeTable,
    atoms: &crate::atom::AtomTable,
    here: crate::stacktrace::Position,
) -> crate::process::CaughtException {
    use crate::stacktrace::{self, Position};
    let mut positions: Vec<Position> = Vec::with_capacity(stacktrace::MAX_DEPTH);
    positions.push(here);
    let mut prev = None;
    let returns = std::iter::once(p.cp).chain(p.frames().map(|f| f.cp));
    for cp in returns.filter(|cp| cp.is_code()) {
        if positions.len() >= stacktrace::MAX_DEPTH {
            break;
        }
        if prev != Some(cp) {
            prev = Some(cp);
            positions.push(Position {
                version: cp.version(),
                pc: cp.pc().saturating_sub(1),
            });
        }
    }
    release_memory(p);
    let trace = stacktrace::build(
        &mut p.heap,
        code,
        atoms,
        &positions,
        None,
        None,
        p.launcher_frames,
    );
    crate::process::CaughtException {
        class: crate::native::Class::Error,
        reason: crate::term::Term::atom(crate::atom::SYSTEM_LIMIT),
        stacktrace: trace,
    }
}

/// Frees what `p` holds after an allocation failed on its behalf, so the memory is back before
/// it exits: its heap (for an empty one), stack, dictionary and mailbox. Its links, monitors and
/// name stay for the exit signals. Every term it held is gone: the caller builds the exit reason
/// on the fresh heap from immediates only.
pub fn release_memory(p: &mut Process) {
    p.heap = crate::heap::Heap::new();
    p.stack = Vec::new();
    p.ybase = 0;
    p.saved_x = Vec::new();
    p.dict = Vec::new();
    p.mailbox = Default::default();
    p.last_exception = None;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn process_limit_rounds_as_erl() {
        // Values measured with `erl +P N` (OTP 25).
        assert_eq!(process_limit_for(1000), None);
        assert_eq!(process_limit_for(1024), Some(1024));
        assert_eq!(process_limit_for(1025), Some(2048));
        assert_eq!(process_limit_for(5000), Some(8192));
        assert_eq!(process_limit_for(70_000_000), Some(134_217_727));
        assert_eq!(process_limit_for(134_217_727), Some(134_217_727));
        assert_eq!(process_limit_for(134_217_728), None);
    }

    #[test]
    fn reserve_stops_at_the_limit() {
        let c = ProcessCount::default();
        c.set_limit(2);
        assert!(c.reserve());
        assert!(c.reserve());
        assert!(!c.reserve());
        c.remove();
        assert!(c.reserve());
        assert_eq!(c.live(), 2);
    }

    #[test]
    fn huge_requests_are_refused_not_aborted() {
        assert!(crate::heap::try_block(usize::MAX / 8).is_none());
        assert!(crate::heap::try_block(1 << 60).is_none());
        assert!(crate::heap::try_block(usize::MAX).is_none());
        assert_eq!(crate::heap::try_block(3).map(|b| b.len()), Some(3));
        assert_eq!(crate::heap::try_block(0).map(|b| b.len()), Some(0));
    }

    #[test]
    fn out_of_memory_unwinds_with_its_payload() {
        let r = std::panic::catch_unwind(|| {
            out_of_memory(42);
        });
        let payload = r.expect_err("unwinds");
        assert_eq!(
            payload.downcast_ref::<OutOfMemory>().map(|o| o.bytes),
            Some(42)
        );
    }
}
