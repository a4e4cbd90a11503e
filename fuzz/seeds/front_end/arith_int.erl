-module(arith_int).
-export([main/0]).

main() ->
    io:format("~p~n", [[0, -1, 42, 16#ff, 2#1010, 8#777, 36#zz, $a, $\n, $\s]]),
    io:format("~p~n", [1_000_000]),
    io:format("~p~n", [[abs(-5), abs(5), max(3, 9), min(3, 9)]]),
    io:format("~p~n", [[17 div 5, 17 rem 5, -17 div 5, -17 rem 5, 17 div -5, 17 rem -5]]),
    io:format("~p~n", [[integer_to_list(255, 16), integer_to_list(-255, 2), integer_to_list(12345)]]),
    io:format("~p~n", [[list_to_integer("-123"), list_to_integer("ff", 16), binary_to_integer(<<"777">>, 8)]]),
    io:format("~p~n", [[integer_to_binary(99), trunc(3.7), round(3.5), round(-3.5), ceil(2.1), floor(-2.1)]]),
    io:format("~p~n", [[is_integer(1), is_integer(1.0), is_number(1.0), is_float(1)]]).
