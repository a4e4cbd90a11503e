//! The timer service: one thread that fires timers at their deadlines, used for `receive ... after`,
//! `erlang:send_after/3`, `erlang:start_timer/3`, `erlang:cancel_timer/1,2` and
//! `erlang:read_timer/1`. Owns the bookkeeping of armed timers only; what a fired timer does (send
//! a message, wake a process) is the business of the `fire` callback the scheduler passes in.
//!
//! # Design
//!
//! All state sits behind one `Mutex`, with a `Condvar` the service thread sleeps on:
//!
//! - `armed` maps each armed timer's id to its deadline and payload. A timer is armed exactly while
//!   it is in this map. Both the thread (when a timer falls due) and [`TimerService::cancel`] take
//!   the timer out of the map under the lock, so exactly one of them gets it: a timer is either
//!   fired or cancelled, never both.
//! - `queue` is a binary min-heap of `(deadline, id)`. Ids grow with arming order, so equal
//!   deadlines come out in arming order. Cancelling does not touch the heap (lazy deletion): a heap
//!   entry whose id is no longer in `armed` is skipped when it reaches the top. So that cancelled
//!   far-future timers (a `receive ... after 60000` that got its message) cannot pile up, the heap
//!   is rebuilt from `armed` once stale entries outnumber live ones; that costs O(live) once per
//!   O(live) cancels, so arm and cancel stay O(log n) amortized.
//! - The thread takes every due timer (`deadline <= Instant::now()`, never earlier) out of the map
//!   in deadline order, drops the lock, and calls `fire` for each. Otherwise it waits on the
//!   condvar until the earliest deadline (or without a timeout when nothing is armed).
//!   [`TimerService::arm`] notifies it only when the new deadline is earlier than the one it
//!   sleeps until.
//! - Scheduler threads may also take due timers themselves, between two time slices
//!   ([`TimerService::take_due`]), so that timers fire on time even when every core is busy and
//!   the service thread waits for one. An atomic copy of the earliest deadline (`next_due`) makes
//!   that check lock-free when nothing is due.
//!
//! # Lifetime
//!
//! The thread holds only the shared state and the `fire` callback, never the `TimerService`
//! itself, so dropping the last `Arc<TimerService>` runs [`TimerService::shutdown`]: the thread
//! stops, is joined, and the payloads still armed are dropped without firing. The `fire` callback
//! must not own an `Arc<TimerService>` (hold a `Weak` instead), or the service keeps itself alive.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// Identifies one armed timer. Ids are handed out in arming order, starting at 1, and are never
/// reused during the life of a [`TimerService`].
#[derive(Copy, Clone, PartialEq, Eq, Hash, Debug)]
pub struct TimerId(pub u64);

/// Most due timers the thread takes per lock hold, so a burst of expiries does not keep `arm`
/// and `cancel` waiting for long.
const MAX_BATCH: usize = 256;

/// The heap is rebuilt when it holds more than this many stale (cancelled) entries and more stale
/// entries than live ones.
const COMPACT_MIN_STALE: usize = 1024;

/// An armed timer as the service stores it.
struct Armed<T> {
    deadline: Instant,
    payload: T,
}

/// What the service thread is doing, as far as `arm` needs to know to decide whether to wake it.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
enum Sleep {
    /// Running: it will look at the heap again before it sleeps.
    Awake,
    /// Waiting without a timeout (nothing was armed).
    Forever,
    /// Waiting until this deadline.
    Until(Instant),
}

/// Everything behind the lock.
struct State<T> {
    /// Min-heap of `(deadline, id)`; may hold entries of cancelled timers (see module docs).
    queue: BinaryHeap<Reverse<(Instant, u64)>>,
    /// The armed timers, by id.
    armed: HashMap<u64, Armed<T>>,
    /// The id the next armed timer gets.
    next_id: u64,
    /// What the thread is doing.
    sleep: Sleep,
    /// Set by `shutdown`; nothing is armed afterwards.
    stopped: bool,
}

impl<T> State<T> {
    /// Drops stale entries from the top of the heap and returns the earliest live deadline.
    fn earliest(&mut self) -> Option<Instant> {
        while let Some(&Reverse((deadline, id))) = self.queue.peek() {
            if self.armed.contains_key(&id) {
                return Some(deadline);
            }
            self.queue.pop();
        }
        None
    }

    /// Moves up to `max` timers with `deadline <= now` out of the service onto the end of `due`,
    /// in deadline order (ties in arming order).
    fn take_due(&mut self, now: Instant, max: usize, due: &mut Vec<(TimerId, T)>) {
        let mut taken = 0;
        while taken < max {
            match self.queue.peek() {
                Some(&Reverse((deadline, id))) if deadline <= now => {
                    self.queue.pop();
                    if let Some(timer) = self.armed.remove(&id) {
                        due.push((TimerId(id), timer.payload));
                        taken += 1;
                    }
                }
                _ => break,
            }
        }
    }

    /// Rebuilds the heap from the live timers when stale entries dominate it.
    fn maybe_compact(&mut self) {
        let stale = self.queue.len() - self.armed.len();
        if stale > COMPACT_MIN_STALE && stale > self.armed.len() {
            let live: Vec<_> = self
                .armed
                .iter()
                .map(|(&id, timer)| Reverse((timer.deadline, id)))
                .collect();
            self.queue = BinaryHeap::from(live);
        }
    }
}

/// The part shared between the service handle and its thread.
struct Shared<T> {
    state: Mutex<State<T>>,
    /// The thread waits on this; `arm` and `shutdown` notify it.
    wakeup: Condvar,
    /// Set by `shutdown`, read by the thread between two `fire` calls without taking the lock.
    stopping: AtomicBool,
    /// The origin of `next_due`.
    epoch: Instant,
    /// A lower bound of the earliest armed deadline, in nanoseconds since `epoch`, or
    /// [`NOTHING_ARMED`]; lets [`TimerService::take_due`] return without locking when nothing is
    /// due. Written under the lock; may be earlier than the truth after a cancel (which costs
    /// a poller one needless lock), never later.
    next_due: AtomicU64,
}

/// `next_due` when nothing is armed.
const NOTHING_ARMED: u64 = u64::MAX;

impl<T> Shared<T> {
    /// `instant` as nanoseconds since `epoch` (saturating at both ends, below [`NOTHING_ARMED`]).
    fn nanos(&self, instant: Instant) -> u64 {
        let since = instant.saturating_duration_since(self.epoch).as_nanos();
        u64::try_from(since).unwrap_or(NOTHING_ARMED - 1)
    }

    /// Resets `next_due` to the earliest armed deadline. Call with the lock held.
    fn refresh_next_due(&self, state: &mut State<T>) {
        let next = state.earliest().map_or(NOTHING_ARMED, |d| self.nanos(d));
        self.next_due.store(next, Ordering::Release);
    }

    /// Locks the state. A panic while the lock was held (say, in a payload's `Drop`) leaves the
    /// state consistent, so poisoning is ignored.
    fn lock(&self) -> MutexGuard<'_, State<T>> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A timer service: a thread that calls a `fire` callback for each armed timer once its deadline
/// has passed. `Send + Sync` when `T: Send`; meant to be shared as `Arc<TimerService<T>>` by the
/// scheduler threads. `T` is the payload handed to `fire` (for the VM: what to send to whom).
pub struct TimerService<T: Send + 'static> {
    shared: Arc<Shared<T>>,
    /// The service thread, until `shutdown` joins it.
    thread: Mutex<Option<JoinHandle<()>>>,
}

impl<T: Send + 'static> TimerService<T> {
    /// Starts the service and its thread (named `krarup-timer`). `fire` is called on that thread,
    /// outside any lock, once per timer whose deadline has passed (`Instant::now() >= deadline`,
    /// never earlier), in deadline order, ties in arming order. (A timer armed with a deadline
    /// already in the past while the thread is firing a batch fires after that batch.) `fire` may
    /// call back into the service (`arm`, `cancel`, even `shutdown`), but must not own an
    /// `Arc<TimerService>` (see the module docs). If `fire` panics, the thread ends and no timer
    /// fires afterwards.
    ///
    /// # Panics
    ///
    /// If the operating system cannot start a thread; [`TimerService::try_start`] returns that
    /// error instead.
    pub fn start(fire: impl Fn(TimerId, T) + Send + 'static) -> Arc<TimerService<T>> {
        match Self::try_start(fire) {
            Ok(service) => service,
            Err(err) => panic!("cannot start the timer thread: {err}"),
        }
    }

    /// Like [`TimerService::start`], but reports a failure to start the thread.
    ///
    /// # Errors
    ///
    /// The `std::io::Error` of `std::thread::Builder::spawn` if the thread cannot be started.
    pub fn try_start(
        fire: impl Fn(TimerId, T) + Send + 'static,
    ) -> std::io::Result<Arc<TimerService<T>>> {
        let shared = Arc::new(Shared {
            state: Mutex::new(State {
                queue: BinaryHeap::new(),
                armed: HashMap::new(),
                next_id: 1,
                sleep: Sleep::Awake,
                stopped: false,
            }),
            wakeup: Condvar::new(),
            stopping: AtomicBool::new(false),
            epoch: Instant::now(),
            next_due: AtomicU64::new(NOTHING_ARMED),
        });
        let for_thread = Arc::clone(&shared);
        let handle = thread::Builder::new()
            .name("krarup-timer".to_string())
            .spawn(move || run(&for_thread, fire))?;
        Ok(Arc::new(TimerService {
            shared,
            thread: Mutex::new(Some(handle)),
        }))
    }

    /// Arms a timer that fires at `deadline` (which may already have passed: it then fires as
    /// soon as the thread gets to it) and returns its id. O(log n) in the number of armed timers.
    /// After [`TimerService::shutdown`] the payload is dropped at once and the id never fires.
    pub fn arm(&self, deadline: Instant, payload: T) -> TimerId {
        let mut state = self.shared.lock();
        let id = state.next_id;
        state.next_id += 1;
        if state.stopped {
            drop(state);
            drop(payload);
            return TimerId(id);
        }
        state.queue.push(Reverse((deadline, id)));
        state.armed.insert(id, Armed { deadline, payload });
        self.shared
            .next_due
            .fetch_min(self.shared.nanos(deadline), Ordering::AcqRel);
        let wake = match state.sleep {
            Sleep::Awake => false,
            Sleep::Forever => true,
            Sleep::Until(until) => deadline < until,
        };
        if wake {
            // The thread is about to run; a second `arm` need not wake it again.
            state.sleep = Sleep::Awake;
        }
        drop(state);
        if wake {
            self.shared.wakeup.notify_one();
        }
        TimerId(id)
    }

    /// Cancels a timer (as `erlang:cancel_timer/1`): returns `Some(time left)` if it was armed and
    /// had not fired (zero if it was due but the thread had not taken it yet), and `None` if the id
    /// is unknown, already cancelled or already fired. `Some` guarantees `fire` is never called
    /// for it; `None` for a fired timer means `fire` has been or is about to be called. The payload
    /// is dropped (outside the lock). O(1) plus an amortized O(1) share of heap rebuilding.
    pub fn cancel(&self, id: TimerId) -> Option<Duration> {
        let mut state = self.shared.lock();
        let timer = state.armed.remove(&id.0)?;
        state.maybe_compact();
        drop(state);
        Some(timer.deadline.saturating_duration_since(Instant::now()))
    }

    /// Time left on an armed timer without cancelling it (as `erlang:read_timer/1`): `Some` (zero
    /// if due but not fired yet) while armed, `None` if unknown, cancelled or fired.
    pub fn read(&self, id: TimerId) -> Option<Duration> {
        let deadline = self.shared.lock().armed.get(&id.0)?.deadline;
        Some(deadline.saturating_duration_since(Instant::now()))
    }

    /// Number of armed timers: armed, and neither fired (taken by the thread) nor cancelled.
    pub fn pending(&self) -> usize {
        self.shared.lock().armed.len()
    }

    /// The earliest deadline among armed timers, or `None` if nothing is armed.
    pub fn next_deadline(&self) -> Option<Instant> {
        self.shared.lock().earliest()
    }

    /// Takes up to `max` due timers (`deadline <= Instant::now()`) out of the service onto the end
    /// of `due`, in deadline order, and returns how many it took; the caller then does what `fire`
    /// would have done with them. Meant for scheduler threads to call between two time slices, as
    /// BEAM's schedulers check their timer wheels: on a machine whose cores are all busy, that
    /// fires timers without waiting for the service thread to get a core. When nothing is due it
    /// costs one atomic load and a clock read, without locking. Timers taken here are never passed
    /// to `fire`, and `cancel` returns `None` for them, as for fired timers. Ordering holds among
    /// the timers of one call; timers taken by different threads are handled concurrently.
    pub fn take_due(&self, max: usize, due: &mut Vec<(TimerId, T)>) -> usize {
        let now = Instant::now();
        if self.shared.nanos(now) < self.shared.next_due.load(Ordering::Acquire) {
            return 0;
        }
        let mut state = self.shared.lock();
        let before = due.len();
        state.take_due(now, max, due);
        self.shared.refresh_next_due(&mut state);
        due.len() - before
    }

    /// Stops the service: the thread ends (and is joined, unless `shutdown` is called from `fire`
    /// itself), the armed timers are dropped without firing, and later `arm`s drop their payload
    /// at once. Due timers the thread had already taken but not yet fired are dropped too, so no
    /// `fire` call starts after `shutdown` returns. Idempotent; also run when the service is
    /// dropped.
    pub fn shutdown(&self) {
        let dropped = {
            let mut state = self.shared.lock();
            state.stopped = true;
            self.shared.stopping.store(true, Ordering::Release);
            state.queue = BinaryHeap::new();
            self.shared.next_due.store(NOTHING_ARMED, Ordering::Release);
            std::mem::take(&mut state.armed)
        };
        self.shared.wakeup.notify_all();
        // Payloads may run arbitrary `Drop` code: run it outside the lock.
        drop(dropped);
        let handle = self
            .thread
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(handle) = handle {
            if handle.thread().id() != thread::current().id() {
                // An `Err` means `fire` panicked; the panic has already been reported.
                let _ = handle.join();
            }
        }
    }
}

impl<T: Send + 'static> Drop for TimerService<T> {
    fn drop(&mut self) {
        self.shutdown();
    }
}

impl<T: Send + 'static> std::fmt::Debug for TimerService<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let state = self.shared.lock();
        f.debug_struct("TimerService")
            .field("pending", &state.armed.len())
            .field("stopped", &state.stopped)
            .finish_non_exhaustive()
    }
}

/// The service thread: sleeps until the earliest deadline, then fires what is due.
fn run<T>(shared: &Shared<T>, fire: impl Fn(TimerId, T)) {
    let mut due = Vec::new();
    loop {
        {
            let mut state = shared.lock();
            loop {
                if state.stopped {
                    return;
                }
                let now = Instant::now();
                state.take_due(now, MAX_BATCH, &mut due);
                shared.refresh_next_due(&mut state);
                if !due.is_empty() {
                    state.sleep = Sleep::Awake;
                    break;
                }
                // Nothing is due, so the earliest deadline (if any) is after `now`.
                state = match state.earliest() {
                    None => {
                        state.sleep = Sleep::Forever;
                        shared
                            .wakeup
                            .wait(state)
                            .unwrap_or_else(PoisonError::into_inner)
                    }
                    Some(deadline) => {
                        state.sleep = Sleep::Until(deadline);
                        shared
                            .wakeup
                            .wait_timeout(state, deadline - now)
                            .unwrap_or_else(PoisonError::into_inner)
                            .0
                    }
                };
            }
        }
        for (id, payload) in due.drain(..) {
            if shared.stopping.load(Ordering::Acquire) {
                // Shutting down: the rest of the batch is dropped by `drain`.
                break;
            }
            fire(id, payload);
        }
    }
}

#[cfg(test)]
#[path = "timer_tests.rs"]
mod tests;
