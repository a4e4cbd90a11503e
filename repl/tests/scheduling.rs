//! Scheduler behaviour that only shows under races or load, checked by repetition inside one test
//! process: the deadlock report when the last timer fires as the schedulers park, and the order of
//! an exit signal and a later link or monitor request.

use std::sync::mpsc;
use std::time::Duration;

/// Compiles `source` (module `name`) and returns a runtime with it loaded, on `schedulers` threads.
fn runtime(name: &str, source: &str, schedulers: usize) -> krarup_vm::runtime::Runtime {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(format!("{name}.erl"));
    std::fs::write(&path, source).expect("write source");
    let (module, _warnings) =
        krarup::compile_file(&path).unwrap_or_else(|f| panic!("{}", f.message));
    let mut rt =
        krarup::new_runtime(Box::new(std::io::sink())).unwrap_or_else(|f| panic!("{}", f.message));
    rt.set_schedulers(schedulers);
    rt.load(module).expect("load");
    rt
}

/// The main process's last timer wakes it, and it then waits for a message nobody sends: every run
/// must end in the deadlock report. The scheduler that runs the woken process can go idle before
/// the timer thread has counted the timer as fired; it used to park for good then (about 3% of runs).
#[test]
fn last_timer_then_receive_is_always_a_deadlock() {
    const SOURCE: &str = "-module(dl).\n-export([main/0]).\n\
        main() -> receive after 1 -> ok end, receive never -> ok end.\n";
    const RUNS: usize = 150;
    let (tx, rx) = mpsc::channel();
    for schedulers in [1, 2] {
        let tx = tx.clone();
        std::thread::spawn(move || {
            let mut rt = runtime("dl", SOURCE, schedulers);
            for run in 0..RUNS {
                let outcome = rt.run_main("dl", "main");
                let deadlock = matches!(&outcome, Err(u) if u.report.contains("deadlock"));
                if tx.send((schedulers, run, deadlock)).is_err() {
                    return;
                }
            }
            // The runtime's threads are left to the end of the test process (a hung scheduler
            // would not join).
            std::mem::forget(rt);
        });
    }
    drop(tx);
    let mut done = 0;
    while done < 2 * RUNS {
        match rx.recv_timeout(Duration::from_secs(20)) {
            Ok((schedulers, run, deadlock)) => {
                assert!(deadlock, "-S {schedulers}, run {run}: no deadlock report");
                done += 1;
            }
            Err(_) => panic!("a run hung after {done} runs instead of reporting the deadlock"),
        }
    }
}
