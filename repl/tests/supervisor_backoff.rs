//! krarup's supervisor restart backoff (`docs/supervisor.md`), which has no `erl` output to compare
//! with (BEAM ignores the `backoff` keys): runs `tests/sup_backoff.erl` and checks what it prints.
//! Each timing line is `true` when the measured delays are within 90 ms above the documented ones.

mod support;

use std::path::Path;
use std::process::Command;

const EXPECTED: &str = "\
delays [0,100,200,400,400]: true\n\
reset: second restart waited true, after 400 ms up at once true\n\
which_children while waiting: [{w,restarting}]\n\
count_children while waiting: [{specs,1},{active,0},{supervisors,0},{workers,1}]\n\
restart_child while waiting: {error,restarting}\n\
delete_child while waiting: {error,restarting}\n\
terminate_child while waiting: ok\n\
restarted after terminate_child: false\n\
restart_child after that: ok\n\
without backoff: supervisor exit shutdown after 2 attempts\n\
with backoff: alive true, attempts 4, running [true]\n\
simple: gaps true, waiting [restarting], count [{specs,1},{active,0},{supervisors,0},{workers,1}]\n\
check #{min => -1}: {error,{invalid_backoff,{min,-1}}}\n\
check #{max => x}: {error,{invalid_backoff,{max,x}}}\n\
check #{factor => 0}: {error,{invalid_backoff,{factor,0}}}\n\
check #{max => 100,min => 500}: {error,{invalid_backoff,#{max => 100,min => 500}}}\n\
check #{other => 1}: {error,{invalid_backoff,{other,1}}}\n\
check soon: {error,{invalid_backoff,soon}}\n\
check none: ok\n\
flags: {supervisor_data,{invalid_backoff,{min,x}}}\n\
";

#[test]
fn backoff_delays_restarts_as_documented() {
    let program = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sup_backoff.erl");
    let out = Command::new(support::krarup_bin())
        .arg("run")
        .arg(&program)
        .output()
        .expect("run krarup");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), EXPECTED);
}
