-module(arith_overflow).
-export([main/0]).

%% Arithmetic across the small-integer boundary (60-bit small ints on BEAM).
main() ->
    Max = (1 bsl 59) - 1,
    Min = -(1 bsl 59),
    io:format("~p~n", [[Max, Max + 1, Min, Min - 1]]),
    io:format("~p~n", [[Max * 2, Max * Max, (Max + 1) - 1, -Min]]),
    io:format("~p~n", [(Max + 1) div 2]),
    io:format("~p~n", [[(1 bsl 63) - 1, 1 bsl 63, 1 bsl 64, -(1 bsl 63)]]),
    io:format("~p~n", [[X * X || X <- [4294967295, 4294967296, 9007199254740993]]]),
    io:format("~p~n", [(1 bsl 62) + (1 bsl 62) - (1 bsl 63)]).
