-module(arith_mixed).
-export([main/0]).

main() ->
    io:format("~p~n", [[1 + 1.5, 3 * 0.5, 10 / 4, 10 / 5, 1 - 0.25]]),
    io:format("~p~n", [[2 == 2.0, 2 < 2.5, 3 > 2.9999]]),
    io:format("~p~n", [[float(3), float(-7), 7 / 2]]),
    io:format("~p~n", [math:pow(2, 10)]),
    io:format("~p~n", [[math:sqrt(16), math:pi() > 3.14]]),
    io:format("~p~n", [(1 bsl 70) / 2]).
