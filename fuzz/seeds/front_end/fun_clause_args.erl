%% A fun that captures variables and fails to match reports only the caller's arguments
%% (the location is left out: it depends on the path the file was given by).
-module(fun_clause_args).
-export([main/0]).

main() ->
    Y = 5,
    Z = {captured, Y},
    F = fun(a, B) -> {B, Y, Z} end,
    io:format("~p~n", [F(a, 1)]),
    {'EXIT', {function_clause, [Top | _]}} = (catch F(b, 2)),
    io:format("~p~n", [erlang:delete_element(4, Top)]),
    G = fun Named(0) -> Y; Named(N) when N > 0 -> Named(N - 1) end,
    io:format("~p~n", [G(3)]),
    {'EXIT', {function_clause, [Top2 | _]}} = (catch G(-1)),
    io:format("~p~n", [erlang:delete_element(4, Top2)]).
