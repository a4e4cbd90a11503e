-module(tuples_big).
-export([main/0]).

main() ->
    T = list_to_tuple(lists:seq(1, 40)),
    io:format("~p~n", [T]),
    io:format("~w~n", [T]),
    T2 = lists:foldl(fun(I, Acc) -> setelement(I, Acc, I * I) end, T, [1, 20, 40]),
    io:format("~p~n", [[element(1, T2), element(20, T2), element(40, T2)]]),
    Nested = {{{{{{deep}}}}}},
    io:format("~p~n", [Nested]).
