-module(funs_higher).
-export([main/0]).

main() ->
    L = lists:seq(1, 10),
    io:format("~p~n", [lists:map(fun(X) -> X * X end, L)]),
    io:format("~p~n", [lists:filter(fun(X) -> X rem 2 == 0 end, L)]),
    io:format("~p~n", [lists:foldl(fun(X, Acc) -> [X | Acc] end, [], L)]),
    io:format("~p~n", [lists:foldr(fun(X, Acc) -> [X | Acc] end, [], L)]),
    io:format("~p~n", [lists:any(fun(X) -> X > 9 end, L)]),
    io:format("~p~n", [lists:all(fun(X) -> X > 0 end, L)]),
    io:format("~p~n", [lists:mapfoldl(fun(X, S) -> {X * 2, S + X} end, 0, L)]),
    io:format("~p~n", [lists:partition(fun(X) -> X < 4 end, L)]),
    io:format("~p~n", [lists:takewhile(fun(X) -> X < 4 end, L)]),
    io:format("~p~n", [lists:dropwhile(fun(X) -> X < 8 end, L)]),
    io:format("~p~n", [lists:flatmap(fun(X) -> [X, X] end, [a, b])]),
    lists:foreach(fun(X) -> io:format("item ~p~n", [X]) end, [x, y]),
    io:format("~p~n", [lists:sort(fun(A, B) -> A > B end, [3, 1, 2])]),
    io:format("~p~n", [lists:filtermap(fun(X) when X > 5 -> {true, X * 100}; (X) -> X =:= 1 end, L)]).
