-module(proc_after).
-export([main/0]).

%% receive ... after: 0, N, infinity, timeouts held in variables, a receive with only an after
%% clause, and the timeout_value error for bad timeouts.

t(F) ->
    try F() of
        V -> {ok, V}
    catch
        C:R -> {C, R}
    end.

wait(T) ->
    receive
        msg -> got_msg
    after T -> timeout
    end.

main() ->
    Self = self(),
    io:format("after 0 empty: ~p~n", [wait(0)]),
    Self ! msg,
    io:format("after 0 with msg: ~p~n", [wait(0)]),
    Self ! other,
    io:format("after 0 non-matching: ~p~n", [wait(0)]),
    io:format("after 20: ~p~n", [wait(20)]),
    spawn(fun() -> receive after 10 -> Self ! msg end end),
    io:format("msg before timeout: ~p~n", [wait(5000)]),
    spawn(fun() -> receive after 10 -> Self ! msg end end),
    io:format("after infinity: ~p~n", [wait(infinity)]),
    T = 15,
    io:format("variable timeout: ~p~n", [wait(T)]),
    Inf = infinity,
    spawn(fun() -> Self ! msg end),
    io:format("variable infinity: ~p~n", [wait(Inf)]),
    R = receive after 5 -> only_after end,
    io:format("only after: ~p~n", [R]),
    io:format("after body value: ~p~n", [receive nothing -> a after 0 -> {b, 1 + 1} end]),
    io:format("negative: ~p~n", [t(fun() -> wait(-1) end)]),
    io:format("atom: ~p~n", [t(fun() -> wait(soon) end)]),
    io:format("float: ~p~n", [t(fun() -> wait(1.5) end)]),
    Self ! msg,
    io:format("largest timeout with msg: ~p~n", [t(fun() -> wait(16#FFFFFFFF) end)]),
    io:format("too large: ~p~n", [t(fun() -> wait(16#100000000) end)]),
    %% The non-matching message is still there after the timeouts.
    receive other -> io:format("other still queued~n") after 0 -> io:format("other lost~n") end,
    %% A timeout measured from entering receive: successive short waits add up.
    lists:foreach(fun(_) -> receive after 2 -> ok end end, lists:seq(1, 5)),
    io:format("loop of waits done~n"),
    ok.
