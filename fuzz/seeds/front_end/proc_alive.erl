-module(proc_alive).
-export([main/0]).

%% is_process_alive/1: for self, a running, a waiting, a finished and a killed process, right
%% after the exit signal (signals from the caller are handled before the answer).

t(F) ->
    try F() of
        V -> {ok, V}
    catch
        C:R -> {C, R}
    end.

sleeper() -> receive after infinity -> ok end.

main() ->
    process_flag(trap_exit, false),
    Self = self(),
    io:format("self: ~p~n", [is_process_alive(Self)]),
    W = spawn(fun sleeper/0),
    io:format("waiting: ~p~n", [is_process_alive(W)]),
    exit(W, kill),
    io:format("right after exit(P, kill): ~p~n", [is_process_alive(W)]),
    W2 = spawn(fun sleeper/0),
    exit(W2, some_reason),
    io:format("right after exit(P, some_reason): ~p~n", [is_process_alive(W2)]),
    W3 = spawn(fun sleeper/0),
    exit(W3, normal),
    io:format("after exit(P, normal): ~p~n", [is_process_alive(W3)]),
    exit(W3, kill),
    T = spawn(fun() -> process_flag(trap_exit, true), Self ! ready, sleeper() end),
    receive ready -> ok end,
    exit(T, other),
    io:format("trapping after exit(P, other): ~p~n", [is_process_alive(T)]),
    exit(T, kill),
    io:format("trapping after exit(P, kill): ~p~n", [is_process_alive(T)]),
    F = spawn(fun() -> Self ! done end),
    receive done -> ok end,
    Ref = monitor(process, F),
    receive {'DOWN', Ref, process, F, _} -> ok end,
    io:format("finished: ~p~n", [is_process_alive(F)]),
    B = spawn(fun() -> Self ! busy, busy(0) end),
    receive busy -> ok end,
    io:format("busy: ~p~n", [is_process_alive(B)]),
    exit(B, kill),
    io:format("busy after kill: ~p~n", [is_process_alive(B)]),
    io:format("not a pid: ~p~n", [t(fun() -> is_process_alive(self) end)]),
    ok.

busy(N) -> busy(N + 1).
