//! Tests of the run queues' priority order (`System::enqueue`, `find_work`): `max` and `high`
//! before `normal`, `low` last but not starved.

use super::System;
use crate::process::Process;
use crate::process_flags::Priority;
use crate::signal::{Pcb, State};
use crossbeam_deque::Worker;
use std::sync::Arc;

fn queued(sys: &System, pid: u64, priority: Priority) {
    let mut p = Process::new(pid, 0, 0, &[]);
    p.flags.priority = priority;
    sys.enqueue(Arc::new(Pcb::new(p, State::Queued)), None);
}

fn order(sys: &System, local: &Worker<Arc<Pcb>>, first_pick: u32) -> Vec<u64> {
    let mut pids = Vec::new();
    let mut pick = first_pick;
    while let Some(p) = sys.find_work(0, local, pick) {
        pids.push(p.pid);
        pick += 1;
    }
    pids
}

#[test]
fn high_and_max_run_before_normal_and_low_after() {
    let rt = crate::runtime::Runtime::new(Box::new(std::io::sink()));
    let sys = rt.system().clone();
    let local = Worker::new_fifo();
    queued(&sys, 101, Priority::Low);
    queued(&sys, 102, Priority::Normal);
    queued(&sys, 103, Priority::High);
    queued(&sys, 104, Priority::Max);
    queued(&sys, 105, Priority::Normal);
    assert_eq!(order(&sys, &local, 1), vec![103, 104, 102, 105, 101]);
}

#[test]
fn low_is_taken_now_and_then_before_normal() {
    let rt = crate::runtime::Runtime::new(Box::new(std::io::sink()));
    let sys = rt.system().clone();
    let local = Worker::new_fifo();
    queued(&sys, 201, Priority::Normal);
    queued(&sys, 202, Priority::Low);
    // The pick numbered 8 prefers the low queue.
    assert_eq!(order(&sys, &local, 8), vec![202, 201]);
}
