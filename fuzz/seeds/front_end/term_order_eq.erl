-module(term_order_eq).
-export([main/0]).

main() ->
    io:format("~p~n", [[1 == 1.0, 1 =:= 1.0, 1 /= 1.0, 1 =/= 1.0]]),
    io:format("~p~n", [[{1, a} == {1.0, a}, [1] =:= [1.0], #{1 => a} == #{1.0 => a}]]),
    io:format("~p~n", [[<<"a">> == "a", 'a' == "a", [] == {}]]),
    io:format("~p~n", [[(1 bsl 64) == (1 bsl 64) + 0.0, (1 bsl 64) < (1 bsl 64) + 1]]),
    io:format("~p~n", [[0.1 + 0.2 == 0.3, 0.5 + 0.25 == 0.75]]),
    io:format("~p~n", [lists:sort([{a, 1.0}, {a, 1}])]),
    io:format("~p~n", [lists:keysort(2, [{x, 3}, {y, 1}, {z, 2}, {w, 1}])]).
