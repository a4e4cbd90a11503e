-module(proc_links).
-export([main/0]).

main() ->
    process_flag(trap_exit, true),
    Pid = spawn_link(fun() -> exit(worker_failed) end),
    receive {'EXIT', Pid, Why} -> io:format("exit: ~p~n", [Why]) end,
    {Pid2, Ref} = spawn_monitor(fun() -> exit(crashed) end),
    receive {'DOWN', Ref, process, Pid2, Reason} -> io:format("down: ~p~n", [Reason]) end,
    Pid3 = spawn_link(fun() -> ok end),
    receive {'EXIT', Pid3, R3} -> io:format("exit: ~p~n", [R3]) end.
