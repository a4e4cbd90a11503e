//! Scheduler behaviour that only shows under races or load: the deadlock report when the last
//! timer fires as the schedulers park (checked by repetition inside one test process), and a
//! process woken while its waker runs a long builtin not waiting for it on a busy core.

mod support;

use std::process::Command;
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

/// At `-S 2`, a process woken by a message runs on the idle core while the sender is still inside
/// a long builtin (it used to wait until the builtin returned: seconds for a big one).
#[test]
fn a_woken_process_does_not_wait_for_the_senders_long_builtin() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("wake.erl");
    std::fs::write(
        &path,
        "-module(wake).\n-export([main/0]).\n\
         main() ->\n\
             Main = self(),\n\
             B = spawn(fun() -> receive go -> Main ! {b, erlang:monotonic_time()} end end),\n\
             timer:sleep(10),\n\
             B ! go,\n\
             _ = binary:copy(<<\"ab\">>, 50000000),\n\
             Done = erlang:monotonic_time(),\n\
             receive {b, Ran} -> io:format(\"~p~n\", [Ran < Done]) end.\n",
    )
    .expect("write source");
    let out = Command::new(support::krarup_bin())
        .args(["run", "-S", "2"])
        .arg(&path)
        .output()
        .expect("run krarup");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), "true\n");
}
