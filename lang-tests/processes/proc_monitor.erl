-module(proc_monitor).
-export([main/0]).

%% monitor(process, Pid | Name | {Name, Node}): the 'DOWN' message shape, noproc for a dead or
%% unknown target, the Who field for monitors by name, several monitors on one process, a
%% monitor on self, and argument errors.

t(F) ->
    try F() of
        V -> {ok, V}
    catch
        C:R -> {C, R}
    end.

waiter() ->
    receive {stop, R} -> exit(R) end.

main() ->
    process_flag(trap_exit, false),
    P = spawn(fun waiter/0),
    Ref = monitor(process, P),
    io:format("ref: ~p~n", [is_reference(Ref)]),
    P ! {stop, done},
    receive
        {'DOWN', Ref2, Type, Who, Why} ->
            io:format("DOWN: ~p ~p ~p ~p~n", [Ref2 =:= Ref, Type, Who =:= P, Why])
    end,
    %% Monitoring a dead process: immediate DOWN with noproc.
    DRef = monitor(process, P),
    receive {'DOWN', DRef, process, P, W1} -> io:format("dead target: ~p~n", [W1]) end,
    %% Normal exit gives reason normal.
    {_, NRef} = spawn_monitor(fun() -> ok end),
    receive {'DOWN', NRef, process, _, W2} -> io:format("normal exit: ~p~n", [W2]) end,
    %% By registered name: Who is {Name, Node}.
    Q = spawn(fun waiter/0),
    register(mon_target, Q),
    RN = monitor(process, mon_target),
    RT = monitor(process, {mon_target, node()}),
    RP = monitor(process, Q),
    io:format("three refs differ: ~p~n", [length(lists:usort([RN, RT, RP]))]),
    Q ! {stop, {shutdown, bye}},
    Downs = [receive {'DOWN', R, process, Who2, W} -> {Who2 =:= Q, Who2, W} end || R <- [RN, RT, RP]],
    [io:format("by ~p: ~p~n", [How, case D of {true, _, W} -> {pid, W}; {false, Who2, W} -> {Who2, W} end])
     || {How, D} <- lists:zip([name, tuple, pid], Downs)],
    %% Unknown name: DOWN with noproc at once.
    RU = monitor(process, no_such_proc),
    receive {'DOWN', RU, process, WhoU, WU} -> io:format("unknown name: ~p ~p~n", [WhoU, WU]) end,
    %% Monitors are not links: the watcher survives, and the target is unaffected by the watcher.
    Self = self(),
    W = spawn(fun() ->
                      T = spawn(fun waiter/0),
                      monitor(process, T),
                      Self ! {target, T},
                      receive after infinity -> ok end
              end),
    T = receive {target, T0} -> T0 end,
    exit(W, kill),
    timer:sleep(20),
    io:format("target alive after watcher died: ~p~n", [is_process_alive(T)]),
    TR = monitor(process, T),
    T ! {stop, normal},
    receive {'DOWN', TR, process, T, normal} -> ok end,
    %% A monitor on oneself never fires while alive and can be removed.
    SR = monitor(process, self()),
    io:format("self monitor: ~p ~p~n", [is_reference(SR), demonitor(SR)]),
    %% Killed target.
    K = spawn(fun waiter/0),
    KR = monitor(process, K),
    exit(K, kill),
    receive {'DOWN', KR, process, K, WK} -> io:format("killed target: ~p~n", [WK]) end,
    io:format("bad target: ~p~n", [t(fun() -> monitor(process, 42) end)]),
    io:format("bad type: ~p~n", [t(fun() -> monitor(foo, self()) end)]),
    io:format("mailbox empty: ~p~n", [receive M -> M after 0 -> empty end]),
    ok.
