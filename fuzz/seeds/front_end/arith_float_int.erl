-module(arith_float_int).
-export([main/0]).

main() ->
    io:format("~p~n", [[trunc(1.0e20), round(1.0e300) > 1 bsl 990, trunc(-1.5e19)]]),
    io:format("~p~n", [[round(2.5e15 + 0.5), float(1 bsl 53) == float((1 bsl 53) + 1)]]),
    io:format("~p~n", [[(1 bsl 53) + 1 == float((1 bsl 53) + 1), (1 bsl 64) * 1.0]]),
    io:format("~p~n", [[1 / 3 * 3, 2 / 3, 1.0e308 + 1.0e292 > 1.0e308]]),
    io:format("~p~n", [[7 / 7, 0 / 5, -0.0 * 1, 5 - 5.0]]),
    io:format("~p~n", [[abs(-1 bsl 70), -(1 bsl 70) div 3, (1 bsl 70) rem -7]]),
    io:format("~p~n", [try 1.0e308 * 10 catch error:R -> R end]),
    io:format("~p~n", [try float(1 bsl 1100) catch error:R2 -> R2 end]),
    io:format("~p~n", [[integer_to_list(trunc(1.0e15)), float_to_list(1.0e15, [short])]]).
