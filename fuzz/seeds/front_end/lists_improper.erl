-module(lists_improper).
-export([main/0]).

main() ->
    io:format("~p~n", [[1 | 2]]),
    io:format("~w~n", [[1, 2 | 3]]),
    io:format("~p~n", [[[1 | 2] | [3 | 4]]]),
    io:format("~p~n", [[$a, $b | $c]]),
    io:format("~p~n", [[$a, $b | "cd"]]),
    io:format("~p~n", [try length([1 | 2]) catch error:R -> {caught, R} end]),
    io:format("~p~n", [is_list([1 | 2])]).
