-module(lc_maps_gen).
-export([main/0]).

main() ->
    M = #{a => 1, b => 2, c => 3},
    io:format("~p~n", [lists:sort([{V, K} || {K, V} <- maps:to_list(M)])]),
    io:format("~p~n", [maps:from_list([{K, V * 10} || {K, V} <- maps:to_list(M), V > 1])]),
    Words = ["apple", "bob", "kayak", "tree"],
    io:format("~p~n", [[W || W <- Words, W =:= lists:reverse(W)]]),
    io:format("~p~n", [lists:usort([length(W) || W <- Words])]).
