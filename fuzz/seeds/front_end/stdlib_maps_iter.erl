-module(stdlib_maps_iter).
-export([main/0]).

walk(none) -> [];
walk({K, V, I}) -> [{K, V} | walk(maps:next(I))].

main() ->
    M = maps:from_list([{I, I * 2} || I <- lists:seq(1, 10)]),
    io:format("~p~n", [walk(maps:next(maps:iterator(M)))]),
    io:format("~p~n", [maps:to_list(maps:from_list([{b, 1}, {a, 2}, {1, x}, {"s", y}]))]),
    io:format("~p~n", [maps:keys(#{3 => a, 1 => b, 2 => c})]).
