-module(basics_operators).
-export([main/0]).

main() ->
    io:format("~p~n", [[true and false, true or false, true xor true, not true]]),
    io:format("~p~n", [[true andalso false, false orelse true, false andalso error(never)]]),
    io:format("~p~n", [true orelse error(never)]),
    io:format("~p~n", [false orelse 42]),
    io:format("~p~n", [[1 == 1.0, 1 =:= 1.0, 1 /= 1.0, 1 =/= 1.0]]),
    io:format("~p~n", [[1 < 2, 2 =< 2, 3 > 2, 3 >= 4]]),
    io:format("~p~n", [[a < b, [] < [a], {a} < {a, b}]]),
    io:format("~p~n", [[1 + 2 * 3, (1 + 2) * 3, 10 - 2 - 3, -(-4), +5]]),
    io:format("~p~n", [[7 div 2, -7 div 2, 7 rem 2, -7 rem 2, 7 rem -2]]),
    io:format("~p~n", [[5 band 3, 5 bor 3, 5 bxor 3, bnot 5, 1 bsl 10, 1024 bsr 3, -16 bsr 2]]),
    io:format("~p~n", [[1, 2] ++ [3] ++ []]),
    io:format("~p~n", [[1, 2, 3, 2, 1] -- [2, 1]]),
    io:format("~p~n", [[a | [b | [c]]]]).
