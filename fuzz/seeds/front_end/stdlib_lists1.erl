-module(stdlib_lists1).
-export([main/0]).

main() ->
    L = [5, 3, 8, 1, 9, 2],
    io:format("~p~n", [[lists:reverse(L), lists:sort(L), lists:max(L), lists:min(L), lists:sum(L)]]),
    io:format("~p~n", [[lists:nth(2, L), lists:nthtail(4, L), lists:last(L), lists:sublist(L, 2, 3)]]),
    io:format("~p~n", [[lists:member(8, L), lists:member(7, L), lists:delete(8, L)]]),
    io:format("~p~n", [[lists:append([[1], [2, 3], []]), lists:append([a], [b]), lists:concat([a, 1, "b"])]]),
    io:format("~p~n", [[lists:duplicate(3, x), lists:seq(10, 1, -3), lists:seq(1, 0)]]),
    io:format("~p~n", [[lists:split(2, L), lists:splitwith(fun(X) -> X > 2 end, L)]]),
    io:format("~p~n", [[lists:zip([a, b], [1, 2]), lists:unzip([{a, 1}, {b, 2}]), lists:zip3([a], [b], [c])]]),
    io:format("~p~n", [lists:zipwith(fun(X, Y) -> X * Y end, [1, 2, 3], [4, 5, 6])]),
    io:format("~p~n", [[lists:usort([3, 1, 3, 2, 1]), lists:merge([1, 3], [2, 4]), lists:umerge([1, 2], [2, 3])]]),
    io:format("~p~n", [[lists:flatten([1, [2, [3, [4]]], []]), lists:flatlength([1, [2, 3]])]]),
    io:format("~p~n", [[lists:prefix([1, 2], [1, 2, 3]), lists:suffix([3], [1, 2, 3])]]),
    io:format("~p~n", [[lists:subtract([1, 2, 3], [2]), lists:enumerate([a, b])]]),
    io:format("~p~n", [lists:droplast([1, 2, 3])]),
    io:format("~p~n", [lists:search(fun(X) -> X > 5 end, L)]),
    io:format("~p~n", [lists:uniq([a, b, a, c, b])]).
