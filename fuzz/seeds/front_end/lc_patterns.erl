-module(lc_patterns).
-export([main/0]).

-record(item, {name, qty}).

main() ->
    Items = [#item{name = apple, qty = 3}, #item{name = pear, qty = 0}, #item{name = fig, qty = 7}],
    io:format("~p~n", [[N || #item{name = N, qty = Q} <- Items, Q > 0]]),
    io:format("~p~n", [[{K, V} || {K, V} <- [{a, 1}, {b, 2}, bad, {c}], is_integer(V)]]),
    io:format("~p~n", [[X || [X | _] <- [[1, 2], [], [3]]]]),
    io:format("~p~n", [[H || <<H:8, _/binary>> <- [<<1, 2>>, <<>>, <<3>>]]]),
    io:format("~p~n", [[X + Y || X <- [1, 2], Y <- [10, 20], X * Y > 15]]),
    io:format("~p~n", [[{X, Y} || X <- [1, 2, 3], X > 1, Y <- [X * 10], Y < 30]]),
    io:format("~p~n", [[X || X <- [1, 2, 3], begin io:format("filter ~p~n", [X]), true end]]),
    Perms = fun P([]) -> [[]]; P(L) -> [[H | T] || H <- L, T <- P(L -- [H])] end,
    io:format("~p~n", [Perms([a, b, c])]).
