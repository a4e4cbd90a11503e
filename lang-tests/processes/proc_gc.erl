-module(proc_gc).
-export([main/0]).

%% erlang:garbage_collect/0,1: return values (true; false for a dead process), and that data
%% held by a process (including its mailbox) survives collections it did not ask for.

t(F) ->
    try F() of
        V -> {ok, V}
    catch
        C:R -> {C, R}
    end.

keeper(Data) ->
    receive
        {get, From} -> From ! {data, Data}, keeper(Data);
        {add, X} -> keeper([X | Data]);
        stop -> ok
    end.

main() ->
    io:format("gc self: ~p~n", [garbage_collect()]),
    io:format("gc self by pid: ~p~n", [garbage_collect(self())]),
    Data = [{I, integer_to_list(I), <<I:32>>} || I <- lists:seq(1, 5000)],
    K = spawn(fun() -> keeper(Data) end),
    io:format("gc other: ~p~n", [garbage_collect(K)]),
    [K ! {add, I} || I <- lists:seq(1, 1000)],
    io:format("gc other with mailbox: ~p~n", [garbage_collect(K)]),
    K ! {get, self()},
    receive {data, D} -> io:format("data intact: ~p ~p~n", [length(D), lists:sublist(D, 3)]) end,
    io:format("tail intact: ~p~n", [lists:nthtail(1000, D) =:= Data]),
    %% Garbage produced in a loop, then collected; live data kept.
    Live = lists:seq(1, 1000),
    lists:foreach(fun(I) -> _ = lists:seq(1, I rem 100) end, lists:seq(1, 20000)),
    garbage_collect(),
    io:format("live after gc: ~p~n", [lists:sum(Live)]),
    %% Mailbox contents survive a collection of the receiver.
    self() ! {big, lists:seq(1, 3000)},
    garbage_collect(),
    receive {big, B} -> io:format("message after gc: ~p~n", [lists:sum(B)]) end,
    K ! stop,
    Ref = monitor(process, K),
    receive {'DOWN', Ref, process, K, _} -> ok end,
    io:format("gc dead: ~p~n", [garbage_collect(K)]),
    io:format("gc bad arg: ~p~n", [t(fun() -> garbage_collect(not_a_pid) end)]),
    ok.
