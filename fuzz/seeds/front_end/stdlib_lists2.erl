-module(stdlib_lists2).
-export([main/0]).

main() ->
    io:format("~p~n", [lists:foldl(fun(X, {Min, Max}) -> {min(X, Min), max(X, Max)} end, {1000, -1000}, [3, -7, 42, 0])]),
    io:format("~p~n", [lists:join(", ", ["a", "b", "c"])]),
    io:format("~p~n", [lists:sublist([1, 2, 3, 4], 2)]),
    io:format("~p~n", [lists:reverse([1, 2, 3], [a, b])]),
    io:format("~p~n", [lists:min([b, 3, "s"])]),
    io:format("~p~n", [lists:keyfind(x, 1, [])]),
    io:format("~p~n", [lists:mapfoldr(fun(X, A) -> {X + A, A + 1} end, 0, [1, 2, 3])]),
    io:format("~p~n", [lists:splitwith(fun is_atom/1, [a, b, 1, c])]),
    io:format("~p~n", [lists:sort([{2, b}, {1, a}, {2, a}])]),
    io:format("~p~n", [lists:zipwith3(fun(A, B, C) -> A + B + C end, [1], [2], [3])]),
    io:format("~p~n", [lists:nthtail(0, [a])]),
    io:format("~p~n", [lists:append("abc", "def")]),
    io:format("~p~n", [lists:all(fun is_integer/1, [])]).
