%% erlang:memory/1 takes an atom or a flat list of atoms: a nested list (even a million levels
%% deep) is badarg, as in erl.
-module(deep_memory).
-export([main/0]).

deep(N) -> lists:foldl(fun(_, A) -> [A] end, [total], lists:seq(1, N)).

run(F) ->
    try F() of
        R -> {ok, R}
    catch
        C:E -> {C, E}
    end.

main() ->
    io:format("~p~n", [run(fun() -> erlang:memory(deep(1000000)) end)]),
    io:format("~p~n", [run(fun() -> erlang:memory([[total]]) end)]),
    io:format("~p~n", [run(fun() -> erlang:memory([total | total]) end)]),
    io:format("~p~n", [run(fun() -> erlang:memory([total, bogus]) end)]),
    io:format("~p~n", [run(fun() -> erlang:memory([]) end)]),
    io:format("~p~n", [run(fun() -> [K || {K, V} <- erlang:memory([total, atom, code]), is_integer(V)] end)]),
    io:format("~p~n", [run(fun() -> is_integer(erlang:memory(total)) end)]),
    ok.
