//! Tests of the timer service (`timer.rs`): firing order, cancel/read/pending bookkeeping,
//! cancel-versus-fire races, shutdown and drop. No test asserts a latency bound; waits use
//! generous timeouts so a loaded machine cannot make them fail.

use super::*;
use std::collections::HashSet;
use std::sync::atomic::AtomicUsize;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::Weak;

/// Long enough that a test never waits for it to pass.
const FAR: Duration = Duration::from_secs(3600);
/// How long a test waits for a fire that must happen before it gives up.
const PATIENCE: Duration = Duration::from_secs(20);

/// A fire event as the tests record it.
#[derive(Debug)]
struct Fired<P> {
    id: TimerId,
    payload: P,
    at: Instant,
}

/// A service that sends each fire down a channel.
fn recording<P: Send + 'static>() -> (Arc<TimerService<P>>, Receiver<Fired<P>>) {
    let (tx, rx) = mpsc::channel();
    let tx = Mutex::new(tx);
    let service = TimerService::start(move |id, payload| {
        let at = Instant::now();
        let _ = tx
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .send(Fired { id, payload, at });
    });
    (service, rx)
}

/// Receives `n` fires, failing the test if they take longer than [`PATIENCE`] each.
fn receive<P>(rx: &Receiver<Fired<P>>, n: usize) -> Vec<Fired<P>> {
    (0..n)
        .map(|i| {
            rx.recv_timeout(PATIENCE)
                .unwrap_or_else(|e| panic!("fire {i} of {n} did not come: {e}"))
        })
        .collect()
}

/// A payload that counts its drops.
struct Counted(Arc<AtomicUsize>);

impl Drop for Counted {
    fn drop(&mut self) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

#[test]
fn fires_in_deadline_order_with_ties_in_arming_order() {
    let (service, rx) = recording();
    let base = Instant::now() + Duration::from_millis(200);
    let ms = Duration::from_millis;
    // (label, offset from base), armed in this order.
    let plan = [
        ("d", ms(30)),
        ("a", ms(0)),
        ("c", ms(20)),
        ("b1", ms(10)),
        ("e", ms(40)),
        ("b2", ms(10)),
        ("b3", ms(10)),
    ];
    let mut deadlines = HashMap::new();
    for (label, offset) in plan {
        let id = service.arm(base + offset, label);
        deadlines.insert(id, base + offset);
    }
    assert_eq!(service.pending(), plan.len());
    assert_eq!(service.next_deadline(), Some(base));
    let fired = receive(&rx, plan.len());
    let labels: Vec<_> = fired.iter().map(|f| f.payload).collect();
    assert_eq!(labels, ["a", "b1", "b2", "b3", "c", "d", "e"]);
    for f in &fired {
        assert!(f.at >= deadlines[&f.id], "{} fired early", f.payload);
    }
    assert_eq!(service.pending(), 0);
    assert_eq!(service.next_deadline(), None);
}

#[test]
fn ids_are_unique_and_in_arming_order() {
    let (service, _rx) = recording();
    let deadline = Instant::now() + FAR;
    let ids: Vec<_> = (0..100).map(|i| service.arm(deadline, i)).collect();
    assert!(ids.windows(2).all(|w| w[0].0 < w[1].0));
}

#[test]
fn a_deadline_in_the_past_fires_at_once() {
    let (service, rx) = recording();
    let id = service.arm(Instant::now(), "now");
    let fired = receive(&rx, 1);
    assert_eq!(fired[0].id, id);
    assert_eq!(service.cancel(id), None);
}

#[test]
fn cancel_before_fire_returns_time_left_and_it_never_fires() {
    let (service, rx) = recording();
    let armed_at = Instant::now();
    let cancelled = service.arm(armed_at + Duration::from_secs(10), "cancelled");
    let left = service.cancel(cancelled).expect("armed timer");
    assert!(left <= Duration::from_secs(10));
    assert!(left > Duration::from_secs(9), "left {left:?}");
    assert_eq!(service.pending(), 0);
    assert_eq!(service.cancel(cancelled), None, "second cancel");
    assert_eq!(service.read(cancelled), None);

    // A short timer cancelled before it is due never fires either: a later timer fires alone.
    let short = service.arm(Instant::now() + Duration::from_millis(200), "short");
    assert!(service.cancel(short).is_some());
    let marker = service.arm(Instant::now() + Duration::from_millis(300), "marker");
    let fired = receive(&rx, 1);
    assert_eq!(fired[0].id, marker);
    assert!(rx.recv_timeout(Duration::from_millis(100)).is_err());
}

#[test]
fn cancel_and_read_after_fire_return_none() {
    let (service, rx) = recording();
    let id = service.arm(Instant::now() + Duration::from_millis(5), ());
    receive(&rx, 1);
    assert_eq!(service.cancel(id), None);
    assert_eq!(service.read(id), None);
    assert_eq!(service.pending(), 0);
}

#[test]
fn unknown_ids_are_none() {
    let (service, _rx) = recording::<()>();
    assert_eq!(service.cancel(TimerId(0)), None);
    assert_eq!(service.read(TimerId(12345)), None);
}

#[test]
fn read_reports_time_left_without_cancelling() {
    let (service, rx) = recording();
    let id = service.arm(Instant::now() + Duration::from_millis(400), "read");
    let first = service.read(id).expect("armed");
    assert!(first <= Duration::from_millis(400) && first > Duration::ZERO);
    let second = service.read(id).expect("still armed");
    assert!(second <= first);
    assert_eq!(service.pending(), 1);
    let fired = receive(&rx, 1);
    assert_eq!(fired[0].id, id);
    assert_eq!(service.read(id), None);
}

#[test]
fn pending_and_next_deadline_follow_arm_cancel_and_fire() {
    let (service, rx) = recording();
    let now = Instant::now();
    assert_eq!(service.pending(), 0);
    assert_eq!(service.next_deadline(), None);
    let late = service.arm(now + FAR, 1);
    let middle = service.arm(now + FAR / 2, 2);
    let soon = service.arm(now + Duration::from_millis(20), 3);
    assert_eq!(service.pending(), 3);
    receive(&rx, 1);
    assert_eq!(service.pending(), 2);
    assert_eq!(service.read(soon), None);
    assert_eq!(service.next_deadline(), Some(now + FAR / 2));
    assert!(service.cancel(middle).is_some());
    assert_eq!(service.pending(), 1);
    assert_eq!(service.next_deadline(), Some(now + FAR));
    assert!(service.cancel(late).is_some());
    assert_eq!(service.pending(), 0);
    assert_eq!(service.next_deadline(), None);
}

#[test]
fn many_timers_armed_and_cancelled() {
    let (service, rx) = recording();
    let now = Instant::now();
    let n = 100_000u64;
    // Deadlines spread over an hour, armed out of order.
    let ids: Vec<_> = (0..n)
        .map(|i| {
            let spread = (i * 7919) % n;
            service.arm(now + FAR + Duration::from_millis(spread), i)
        })
        .collect();
    assert_eq!(service.pending(), n as usize);
    assert_eq!(service.next_deadline(), Some(now + FAR));
    // Cancel in an order unrelated to both arming and deadline order.
    for k in 0..n {
        let id = ids[((k * 31_337) % n) as usize];
        assert!(service.cancel(id).is_some(), "cancel of {id:?}");
    }
    assert_eq!(service.pending(), 0);
    assert_eq!(service.next_deadline(), None);
    // Lazy deletion must not keep the cancelled entries around.
    let stale = service.shared.lock().queue.len();
    assert!(stale <= COMPACT_MIN_STALE + 1, "{stale} stale heap entries");
    assert!(rx.try_recv().is_err());
}

#[test]
fn many_timers_fire_once_each_in_order() {
    let (service, rx) = recording();
    // Far enough ahead that every timer is armed before the first is due (checked below).
    let base = Instant::now() + Duration::from_secs(2);
    let n = 100_000usize;
    let mut deadlines = Vec::with_capacity(n);
    // 100 distinct deadlines 1 ms apart, armed in a scrambled order.
    for i in 0..n {
        let deadline = base + Duration::from_millis(((i * 37) % 100) as u64);
        deadlines.push(deadline);
        service.arm(deadline, i);
    }
    assert!(
        Instant::now() < base,
        "arming took too long for the order check"
    );
    let fired = receive(&rx, n);
    let mut seen = vec![false; n];
    for pair in fired.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let (da, db) = (deadlines[a.payload], deadlines[b.payload]);
        assert!(da < db || (da == db && a.id.0 < b.id.0), "out of order");
    }
    for f in &fired {
        assert!(!seen[f.payload], "fired twice");
        seen[f.payload] = true;
        assert!(f.at >= deadlines[f.payload], "fired early");
    }
    assert_eq!(service.pending(), 0);
}

#[test]
fn cancel_racing_fire_is_exact() {
    let fired = Arc::new(Mutex::new(HashSet::new()));
    let record = Arc::clone(&fired);
    let service = TimerService::start(move |id: TimerId, ()| {
        let fresh = record.lock().unwrap().insert(id);
        assert!(fresh, "{id:?} fired twice");
    });
    let n = 20_000;
    let start = Instant::now() + Duration::from_millis(20);
    // Deadlines spread over ~20 ms so the thread is firing while the canceller runs.
    let ids: Vec<_> = (0..n)
        .map(|i| service.arm(start + Duration::from_micros(i as u64), ()))
        .collect();
    let canceller = {
        let service = Arc::clone(&service);
        let ids = ids.clone();
        thread::spawn(move || {
            while Instant::now() < start {
                std::hint::spin_loop();
            }
            ids.iter()
                .filter(|&&id| service.cancel(id).is_some())
                .copied()
                .collect::<HashSet<_>>()
        })
    };
    let cancelled = canceller.join().unwrap();
    let waited = Instant::now();
    while fired.lock().unwrap().len() + cancelled.len() < n && waited.elapsed() < PATIENCE {
        thread::sleep(Duration::from_millis(5));
    }
    let fired = fired.lock().unwrap();
    assert_eq!(fired.len() + cancelled.len(), n);
    assert!(
        fired.is_disjoint(&cancelled),
        "a timer both fired and cancelled"
    );
    assert_eq!(service.pending(), 0);
}

#[test]
fn an_earlier_timer_armed_while_sleeping_on_a_later_one_fires_on_time() {
    let (service, rx) = recording();
    service.arm(Instant::now() + FAR, "late");
    // Let the thread go to sleep until the late deadline.
    thread::sleep(Duration::from_millis(50));
    let earliest = service.next_deadline().unwrap();
    let sleep = service.shared.lock().sleep;
    assert_eq!(sleep, Sleep::Until(earliest));
    let deadline = Instant::now() + Duration::from_millis(30);
    let early = service.arm(deadline, "early");
    let fired = receive(&rx, 1);
    assert_eq!(fired[0].id, early);
    assert!(fired[0].at >= deadline);
    // Not a latency bound, only "it did not wait for the late timer".
    assert!(fired[0].at < deadline + PATIENCE);
    assert_eq!(service.pending(), 1);
}

#[test]
fn a_timer_armed_into_an_idle_service_wakes_it() {
    let (service, rx) = recording();
    thread::sleep(Duration::from_millis(20));
    assert_eq!(service.shared.lock().sleep, Sleep::Forever);
    let id = service.arm(Instant::now() + Duration::from_millis(10), ());
    assert_eq!(receive(&rx, 1)[0].id, id);
}

#[test]
fn shutdown_stops_the_thread_and_drops_payloads_without_firing() {
    let drops = Arc::new(AtomicUsize::new(0));
    let (service, rx) = recording();
    let deadline = Instant::now() + Duration::from_millis(100);
    for _ in 0..1000 {
        service.arm(deadline, Counted(Arc::clone(&drops)));
    }
    service.shutdown();
    assert_eq!(drops.load(Ordering::SeqCst), 1000);
    assert_eq!(service.pending(), 0);
    assert_eq!(service.next_deadline(), None);
    assert!(
        service.thread.lock().unwrap().is_none(),
        "thread not joined"
    );
    // Idempotent, and arming afterwards drops the payload at once.
    service.shutdown();
    let late = service.arm(Instant::now(), Counted(Arc::clone(&drops)));
    assert_eq!(drops.load(Ordering::SeqCst), 1001);
    assert_eq!(service.pending(), 0);
    assert_eq!(service.read(late), None);
    // Nothing fired: the thread is gone, so the channel's sender is dropped.
    thread::sleep(Duration::from_millis(150));
    assert!(matches!(
        rx.recv_timeout(Duration::from_millis(10)),
        Err(RecvTimeoutError::Disconnected)
    ));
}

#[test]
fn dropping_the_service_stops_the_thread_and_frees_everything() {
    let drops = Arc::new(AtomicUsize::new(0));
    let fire_owns = Arc::new(());
    let held = Arc::clone(&fire_owns);
    let service = TimerService::start(move |_, _: Counted| {
        let _ = &held;
    });
    for _ in 0..10 {
        service.arm(Instant::now() + FAR, Counted(Arc::clone(&drops)));
    }
    drop(service);
    assert_eq!(drops.load(Ordering::SeqCst), 10);
    // The thread was joined, so its `fire` closure (and what it owned) is gone.
    assert_eq!(Arc::strong_count(&fire_owns), 1);
}

#[test]
fn fire_may_drop_the_last_reference_to_its_own_service() {
    let fire_owns = Arc::new(());
    let held = Arc::clone(&fire_owns);
    let slot: Arc<Mutex<Option<Arc<TimerService<()>>>>> = Arc::new(Mutex::new(None));
    let slot_in_fire = Arc::clone(&slot);
    let (done_tx, done_rx) = mpsc::channel();
    let done_tx = Mutex::new(done_tx);
    let service = TimerService::start(move |_, ()| {
        let _ = &held;
        // Drops the last strong reference on the service thread itself.
        let last = slot_in_fire.lock().unwrap().take();
        drop(last);
        let _ = done_tx.lock().unwrap().send(());
    });
    let weak: Weak<TimerService<()>> = Arc::downgrade(&service);
    service.arm(Instant::now() + Duration::from_millis(10), ());
    *slot.lock().unwrap() = Some(service);
    done_rx.recv_timeout(PATIENCE).expect("fired");
    assert!(weak.upgrade().is_none());
    // The thread ends by itself once `fire` returns, dropping the closure.
    let waited = Instant::now();
    while Arc::strong_count(&fire_owns) > 1 && waited.elapsed() < PATIENCE {
        thread::sleep(Duration::from_millis(5));
    }
    assert_eq!(Arc::strong_count(&fire_owns), 1);
}

#[test]
fn fire_may_arm_and_cancel() {
    let slot: Arc<Mutex<Weak<TimerService<u32>>>> = Arc::new(Mutex::new(Weak::new()));
    let slot_in_fire = Arc::clone(&slot);
    let (tx, rx) = mpsc::channel();
    let tx = Mutex::new(tx);
    let service = TimerService::start(move |_, n: u32| {
        let _ = tx.lock().unwrap().send(n);
        if let Some(service) = slot_in_fire.lock().unwrap().upgrade() {
            if n < 3 {
                service.arm(Instant::now() + Duration::from_millis(1), n + 1);
                let never = service.arm(Instant::now() + FAR, 99);
                assert!(service.cancel(never).is_some());
            }
        }
    });
    *slot.lock().unwrap() = Arc::downgrade(&service);
    service.arm(Instant::now(), 0);
    let got: Vec<u32> = (0..4).map(|_| rx.recv_timeout(PATIENCE).unwrap()).collect();
    assert_eq!(got, [0, 1, 2, 3]);
}

/// A service whose thread, on its first fire, blocks until the returned sender is used or
/// dropped, so that a test can call `take_due` while the thread cannot take anything.
fn blocked_service() -> (Arc<TimerService<u32>>, mpsc::Sender<()>, Receiver<u32>) {
    let (release_tx, release_rx) = mpsc::channel::<()>();
    let release_rx = Mutex::new(release_rx);
    let (fired_tx, fired_rx) = mpsc::channel();
    let fired_tx = Mutex::new(fired_tx);
    let service = TimerService::start(move |_, n: u32| {
        let _ = fired_tx.lock().unwrap().send(n);
        let _ = release_rx.lock().unwrap().recv();
    });
    service.arm(Instant::now(), 0);
    assert_eq!(fired_rx.recv_timeout(PATIENCE), Ok(0));
    (service, release_tx, fired_rx)
}

#[test]
fn take_due_takes_due_timers_in_order_and_leaves_the_rest() {
    let (service, release, fired) = blocked_service();
    assert_eq!(service.take_due(10, &mut Vec::new()), 0, "nothing armed");
    let now = Instant::now();
    let later = service.arm(now + FAR, 9);
    let b = service.arm(now - Duration::from_millis(1), 2);
    let a = service.arm(now - Duration::from_millis(2), 1);
    let c = service.arm(now - Duration::from_millis(1), 3);
    let d = service.arm(now, 4);
    let mut due = vec![(TimerId(0), 0)];
    assert_eq!(service.take_due(3, &mut due), 3);
    assert_eq!(due, [(TimerId(0), 0), (a, 1), (b, 2), (c, 3)]);
    assert_eq!(service.cancel(b), None, "taken counts as fired");
    assert_eq!(service.take_due(10, &mut due), 1);
    assert_eq!(due.last(), Some(&(d, 4)));
    assert_eq!(service.take_due(10, &mut due), 0);
    assert_eq!(service.pending(), 1);
    assert!(service.read(later).is_some());
    // Taken timers never reach `fire`.
    drop(release);
    assert!(fired.recv_timeout(Duration::from_millis(200)).is_err());
}

#[test]
fn take_due_after_cancelling_the_earliest_finds_nothing_and_catches_up() {
    let (service, _release, _fired) = blocked_service();
    let now = Instant::now();
    let soon = service.arm(now + Duration::from_millis(1), 1);
    service.arm(now + FAR, 2);
    assert!(service.cancel(soon).is_some());
    thread::sleep(Duration::from_millis(5));
    // `next_due` still says 1 ms: this call locks, finds nothing, and resets it.
    assert_eq!(service.take_due(10, &mut Vec::new()), 0);
    let next = service.shared.next_due.load(Ordering::SeqCst);
    assert_eq!(next, service.shared.nanos(now + FAR));
}

#[test]
fn take_due_racing_the_thread_takes_each_timer_once() {
    let fired = Arc::new(Mutex::new(Vec::new()));
    let record = Arc::clone(&fired);
    let service = TimerService::start(move |id: TimerId, ()| record.lock().unwrap().push(id));
    let n = 20_000;
    let start = Instant::now() + Duration::from_millis(20);
    let ids: HashSet<_> = (0..n)
        .map(|i| service.arm(start + Duration::from_micros(i), ()))
        .collect();
    let mut taken = Vec::new();
    let waited = Instant::now();
    while taken.len() + fired.lock().unwrap().len() < ids.len() && waited.elapsed() < PATIENCE {
        service.take_due(16, &mut taken);
    }
    let fired = fired.lock().unwrap();
    let mut all: Vec<_> = taken
        .iter()
        .map(|&(id, ())| id)
        .chain(fired.iter().copied())
        .collect();
    assert_eq!(all.len(), ids.len());
    all.sort_by_key(|id| id.0);
    all.dedup();
    assert_eq!(all.len(), ids.len(), "a timer was both taken and fired");
}

#[test]
fn service_is_send_and_sync() {
    fn check<S: Send + Sync>() {}
    check::<TimerService<Box<dyn std::any::Any + Send>>>();
    check::<Arc<TimerService<String>>>();
}
