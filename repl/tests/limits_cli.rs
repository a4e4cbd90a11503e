//! System limits through `krarup run`: the process limit (`+P`), the atom limit (`+t`), and a
//! process that runs out of memory under an address-space limit (`ulimit -v`) while others keep
//! working. What `erl` prints for the same options was checked by hand (OTP 25): the rounding of
//! `+P`, the accepted ranges, and the "Too many processes" report.

mod support;

use std::path::Path;
use support::{err, krarup_in, out, write, RunResult};

/// Ended on its own (no signal, no time-out), without a Rust panic or allocation failure, and
/// without a warning from the allocator (mimalloc returns null under `ulimit -v`).
fn assert_ended(what: &str, r: &RunResult) {
    assert!(!r.timed_out, "{what}: did not finish");
    assert!(
        r.status.is_some(),
        "{what}: killed by a signal:\n{}",
        err(r)
    );
    assert!(
        !["panicked", "memory allocation", "mimalloc"]
            .iter()
            .any(|bad| err(r).contains(bad)),
        "{what}: the VM failed:\n{}",
        err(r)
    );
}

const SPAWN_UNTIL_LIMIT: &str = "-module(plimit).
-export([main/0]).
main() ->
    io:format(\"~p~n\", [erlang:system_info(process_limit)]),
    Pids = spawn_until([]),
    io:format(\"count ~p~n\", [erlang:system_info(process_count)]),
    io:format(\"~p~n\", [catch spawn(erlang, self, [])]),
    R = (catch spawn_monitor(fun() -> ok end)),
    io:format(\"~p~n\", [element(1, element(2, R))]),
    Refs = [monitor(process, P) || P <- Pids],
    [P ! stop || P <- Pids],
    [receive {'DOWN', Ref, process, _, normal} -> ok end || Ref <- Refs],
    io:format(\"count ~p~n\", [erlang:system_info(process_count)]),
    {P2, Ref2} = spawn_monitor(fun() -> ok end),
    receive {'DOWN', Ref2, process, P2, Why} -> io:format(\"spawns again: ~p~n\", [Why]) end.
spawn_until(Acc) ->
    try spawn(fun() -> receive stop -> ok end end) of
        P -> spawn_until([P | Acc])
    catch error:Reason ->
        io:format(\"~p after ~p~n\", [Reason, length(Acc)]),
        Acc
    end.
";

#[test]
fn process_limit_stops_spawn_with_system_limit() {
    let dir = tempfile::tempdir().expect("temporary directory");
    write(dir.path(), "plimit.erl", SPAWN_UNTIL_LIMIT);
    for flag in ["+P", "--process-limit"] {
        let r = krarup_in(dir.path(), &["run", flag, "1024", "plimit.erl"]);
        assert_ended("process limit", &r);
        assert_eq!(r.status, Some(0), "{}", err(&r));
        // 1024 processes: the main one and 1023 spawned. The `catch` output is erl's (whose
        // own 37 system processes leave room for 986 spawns).
        assert_eq!(
            out(&r),
            "1024\nsystem_limit after 1023\ncount 1024\n\
             {'EXIT',{system_limit,[{erlang,spawn,\n\
             \x20                              [erlang,self,[]],\n\
             \x20                              [{error_info,#{module => erl_erts_errors}}]},\n\
             \x20                      {plimit,main,0,[{file,\"plimit.erl\"},{line,7}]},\n\
             \x20                      {erl_eval,do_apply,7,\n\
             \x20                                [{file,\"erl_eval.erl\"},{line,744}]},\n\
             \x20                      {erl_eval,exprs,6,[{file,\"erl_eval.erl\"},{line,136}]},\n\
             \x20                      {init,start_it,1,[]},\n\
             \x20                      {init,start_em,1,[]},\n\
             \x20                      {init,do_boot,3,[]}]}}\n\
             system_limit\ncount 1\nspawns again: normal\n"
        );
        // OTP's logger reports each refused spawn.
        let reports = err(&r).matches("=ERROR REPORT====").count();
        assert_eq!(reports, 3, "{}", err(&r));
        assert_eq!(err(&r).matches("\nToo many processes\n\n").count(), 3);
    }
}

#[test]
fn process_limit_is_rounded_and_checked_as_erl_does() {
    let dir = tempfile::tempdir().expect("temporary directory");
    write(
        dir.path(),
        "plim.erl",
        "-module(plim).\n-export([main/0]).\n\
         main() -> io:format(\"~p ~p~n\", [erlang:system_info(process_limit), \
         erlang:system_info(process_count)]).\n",
    );
    // `erl +P N` prints these limits (OTP 25).
    for (n, limit) in [
        ("1024", "1024"),
        ("1025", "2048"),
        ("5000", "8192"),
        ("70000000", "134217727"),
        ("134217727", "134217727"),
    ] {
        let r = krarup_in(dir.path(), &["run", "+P", n, "plim.erl"]);
        assert_ended("+P", &r);
        assert_eq!(out(&r), format!("{limit} 1\n"), "+P {n}: {}", err(&r));
    }
    let r = krarup_in(dir.path(), &["run", "plim.erl"]);
    assert_eq!(out(&r), "262144 1\n");
    for bad in ["1000", "0", "134217728", "many"] {
        let r = krarup_in(dir.path(), &["run", "+P", bad, "plim.erl"]);
        assert_ended("bad +P", &r);
        assert_eq!(r.status, Some(2), "+P {bad}");
        assert!(
            err(&r).contains(&format!("bad number of processes {bad}")),
            "+P {bad}: {}",
            err(&r)
        );
        assert_eq!(out(&r), "");
    }
}

const ATOMS_UNTIL_LIMIT: &str = "-module(alimit).
-export([main/0]).
main() ->
    io:format(\"~p~n\", [erlang:system_info(atom_limit)]),
    N = make(0),
    io:format(\"full: ~p~n\", [erlang:system_info(atom_count) >= erlang:system_info(atom_limit)]),
    io:format(\"~p~n\", [N > 5000]),
    io:format(\"~p~n\", [error_of(fun() -> list_to_atom(\"one_more\") end)]),
    io:format(\"~p~n\", [error_of(fun() -> binary_to_atom(<<\"one_more\">>, utf8) end)]),
    io:format(\"~p~n\", [error_of(fun() -> binary_to_atom(<<\"one_more\">>, latin1) end)]),
    io:format(\"~p~n\", [error_of(fun() -> binary_to_term(<<131,119,8,\"one_more\">>) end)]),
    io:format(\"~p~n\", [error_of(fun() -> binary_to_term(<<131,100,0,8,\"one_more\">>) end)]),
    io:format(\"~p~n\", [error_of(fun() -> list_to_existing_atom(\"one_more\") end)]),
    io:format(\"~p~n\", [list_to_atom(\"alimit_0\") =:= list_to_existing_atom(\"alimit_0\")]),
    io:format(\"~p~n\", [binary_to_term(term_to_binary(alimit_1))]),
    {P, Ref} = spawn_monitor(fun() -> list_to_atom(\"in_a_process\") end),
    receive {'DOWN', Ref, process, P, {R, _}} -> io:format(\"process: ~p~n\", [R]) end.
make(N) ->
    try list_to_atom(\"alimit_\" ++ integer_to_list(N)) of _ -> make(N + 1)
    catch error:system_limit -> N
    end.
error_of(F) ->
    try F() catch error:E -> E end.
";

#[test]
fn atom_limit_raises_system_limit_in_the_process() {
    let dir = tempfile::tempdir().expect("temporary directory");
    write(dir.path(), "alimit.erl", ATOMS_UNTIL_LIMIT);
    for flag in ["+t", "--atom-limit"] {
        let r = krarup_in(dir.path(), &["run", flag, "8192", "alimit.erl"]);
        assert_ended("atom limit", &r);
        assert_eq!(r.status, Some(0), "{}", err(&r));
        assert_eq!(
            out(&r),
            "8192\nfull: true\ntrue\nsystem_limit\nsystem_limit\nsystem_limit\n\
             system_limit\nsystem_limit\nbadarg\ntrue\nalimit_1\nprocess: system_limit\n"
        );
        assert!(
            err(&r).contains("Error in process <0.")
                && err(&r).contains("{system_limit,[{erlang,list_to_atom,[\"in_a_process\"]"),
            "{}",
            err(&r)
        );
    }
    let r = krarup_in(dir.path(), &["run", "+t", "8191", "alimit.erl"]);
    assert_eq!(r.status, Some(2));
    assert!(err(&r).contains("bad atom table size 8191"), "{}", err(&r));
    let r = krarup_in(dir.path(), &["run", "+t", "2147483648", "alimit.erl"]);
    assert_eq!(r.status, Some(2));
    // BEAM's default.
    write(
        dir.path(),
        "adefault.erl",
        "-module(adefault).\n-export([main/0]).\n\
         main() -> io:format(\"~p~n\", [erlang:system_info(atom_limit)]).\n",
    );
    let r = krarup_in(dir.path(), &["run", "adefault.erl"]);
    assert_eq!(out(&r), "1048576\n");
    let r = krarup_in(dir.path(), &["run", "+t", "2147483647", "adefault.erl"]);
    assert_eq!(out(&r), "2147483647\n");
}

#[test]
fn a_module_whose_atoms_do_not_fit_is_refused_at_load() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let atoms: Vec<String> = (0..9000).map(|i| format!("many_{i}")).collect();
    write(
        dir.path(),
        "manyatoms.erl",
        &format!(
            "-module(manyatoms).\n-export([main/0]).\nmain() -> length([{}]).\n",
            atoms.join(", ")
        ),
    );
    let r = krarup_in(dir.path(), &["run", "+t", "8192", "manyatoms.erl"]);
    assert_ended("load", &r);
    assert_eq!(r.status, Some(1));
    assert!(
        err(&r).contains("cannot load module 'manyatoms': system_limit")
            && err(&r).contains("atom_limit 8192"),
        "{}",
        err(&r)
    );
    assert_eq!(out(&r), "");
    // With room, the same module runs.
    let r = krarup_in(dir.path(), &["run", "+t", "20000", "manyatoms.erl"]);
    assert_eq!(r.status, Some(0), "{}", err(&r));
}

/// One process grows its heap without bound, one recurses without bound (its stack grows), one
/// is sent a message that cannot be copied for it; each exits with `system_limit` while a
/// survivor keeps counting and the main process reports, then allocates again.
const OUT_OF_MEMORY: &str = "-module(oom).
-export([main/0]).
main() ->
    Survivor = spawn(fun() -> survivor(0) end),
    watch(\"heap\", fun() -> grow([]) end),
    watch(\"stack\", fun() -> deep(0) end),
    Receiver = spawn(fun() -> receive _ -> ok end end),
    Ref = monitor(process, Receiver),
    Row = lists:seq(1, 100000),
    %% Shared 2000 times here, copied 2000 times for the receiver (1.6 GB).
    Receiver ! lists:duplicate(2000, Row),
    receive {'DOWN', Ref, process, Receiver, R} -> io:format(\"message: ~p~n\", [R]) end,
    Survivor ! {report, self()},
    receive {count, N} when N > 0 -> io:format(\"survivor still running~n\") end,
    io:format(\"main allocates again: ~p~n\", [length(lists:seq(1, 1000000))]).
watch(What, F) ->
    {Pid, Ref} = spawn_monitor(F),
    receive {'DOWN', Ref, process, Pid, {Reason, Stack}} ->
        [Fun | _] = [G || {oom, G, _, _} <- Stack],
        io:format(\"~s: ~p in ~p~n\", [What, Reason, Fun])
    end.
grow(Acc) -> grow([lists:seq(1, 100) | Acc]).
deep(N) -> [N | deep(N + 1)].
survivor(N) ->
    receive {report, From} -> From ! {count, N}
    after 1 -> survivor(N + 1)
    end.
";

#[cfg(target_os = "linux")]
#[test]
fn a_process_out_of_memory_exits_and_the_others_run_on() {
    let dir = tempfile::tempdir().expect("temporary directory");
    write(dir.path(), "oom.erl", OUT_OF_MEMORY);
    let bin = support::krarup_bin();
    for schedulers in ["1", "2"] {
        // 1 GB of address space: enough for the VM, far too little for the growing processes.
        let script = format!(
            "ulimit -v 1000000 && exec '{}' run -S {schedulers} oom.erl",
            bin.display()
        );
        let mut cmd = std::process::Command::new("sh");
        cmd.args(["-c", &script]).current_dir(dir.path());
        let r =
            support::run_with_timeout(cmd, std::time::Duration::from_secs(120)).expect("sh runs");
        assert_ended("out of memory", &r);
        assert_eq!(r.status, Some(0), "-S {schedulers}: {}", err(&r));
        assert_eq!(
            out(&r),
            "heap: system_limit in grow\nstack: system_limit in deep\n\
             message: system_limit\nsurvivor still running\nmain allocates again: 1000000\n",
            "-S {schedulers}: {}",
            err(&r)
        );
        // The error reports of the two that crashed, as erl prints an uncaught error's.
        let e = err(&r);
        assert!(
            e.contains("{oom,grow,1,[{file,\"oom.erl\"},{line,22}]}]}\n")
                && e.contains("with exit value:\n{system_limit,[{oom,deep,1,"),
            "{e}"
        );
        assert_eq!(e.matches("=ERROR REPORT====").count(), 2, "{e}");
    }
}

#[test]
fn the_main_process_out_of_memory_is_an_uncaught_system_limit() {
    if !cfg!(target_os = "linux") {
        return;
    }
    let dir = tempfile::tempdir().expect("temporary directory");
    write(
        dir.path(),
        "oommain.erl",
        "-module(oommain).\n-export([main/0]).\nmain() -> lists:duplicate(1 bsl 40, x).\n",
    );
    let script = format!(
        "ulimit -v 1000000 && exec '{}' run oommain.erl",
        support::krarup_bin().display()
    );
    let mut cmd = std::process::Command::new("sh");
    cmd.args(["-c", &script]).current_dir(Path::new(dir.path()));
    let r = support::run_with_timeout(cmd, std::time::Duration::from_secs(120)).expect("sh runs");
    assert_ended("main out of memory", &r);
    assert_eq!(r.status, Some(1));
    assert!(
        err(&r).starts_with("** exception error: a system limit has been reached\n"),
        "{}",
        err(&r)
    );
}

/// A process that never receives is flooded with small messages (no fragment each, only a queue
/// entry): when its queue can no longer grow it exits with `system_limit`; the VM used to abort
/// with a Rust allocation failure.
#[test]
fn a_flooded_mailbox_ends_its_process_not_the_vm() {
    if !cfg!(target_os = "linux") {
        return;
    }
    let dir = tempfile::tempdir().expect("temporary directory");
    write(
        dir.path(),
        "flood.erl",
        "-module(flood).\n-export([main/0]).\n\
         main() ->\n\
             Receiver = spawn(fun() -> receive never -> ok end end),\n\
             Ref = monitor(process, Receiver),\n\
             Sender = spawn(fun() -> flood(Receiver) end),\n\
             receive {'DOWN', Ref, process, Receiver, R} -> io:format(\"~p~n\", [reason(R)]) end,\n\
             exit(Sender, kill),\n\
             io:format(\"~p~n\", [length(lists:seq(1, 1000000))]).\n\
         flood(P) -> P ! ok, flood(P).\n\
         %% {system_limit, Stack} when its mailbox could not grow in a slice, system_limit when\n\
         %% its signal queue could not (the exit comes from outside any instruction).\n\
         reason({R, _}) -> R;\n\
         reason(R) -> R.\n",
    );
    let script = format!(
        "ulimit -v 1000000 && exec '{}' run flood.erl",
        support::krarup_bin().display()
    );
    let mut cmd = std::process::Command::new("sh");
    cmd.args(["-c", &script]).current_dir(Path::new(dir.path()));
    let r = support::run_with_timeout(cmd, std::time::Duration::from_secs(120)).expect("sh runs");
    assert_ended("flooded mailbox", &r);
    assert_eq!(r.status, Some(0), "{}", err(&r));
    assert_eq!(out(&r), "system_limit\n1000000\n", "{}", err(&r));
}
