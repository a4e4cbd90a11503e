-module(stdlib_maps1).
-export([main/0]).

main() ->
    M = #{a => 1, b => 2, c => 3},
    io:format("~p~n", [[maps:get(a, M), maps:get(z, M, default), maps:find(b, M), maps:find(z, M)]]),
    io:format("~p~n", [[maps:is_key(c, M), maps:keys(M), maps:values(M), maps:size(M)]]),
    io:format("~p~n", [[maps:put(d, 4, M), maps:remove(a, M), maps:update(a, 10, M)]]),
    io:format("~p~n", [maps:to_list(M)]),
    io:format("~p~n", [maps:from_list([{x, 1}, {y, 2}, {x, 3}])]),
    io:format("~p~n", [maps:map(fun(_K, V) -> V * 100 end, M)]),
    io:format("~p~n", [maps:filter(fun(_K, V) -> V > 1 end, M)]),
    io:format("~p~n", [maps:fold(fun(K, V, Acc) -> [{K, V} | Acc] end, [], M)]),
    io:format("~p~n", [maps:merge(M, #{c => 30, d => 40})]),
    io:format("~p~n", [maps:with([a, c], M)]),
    io:format("~p~n", [maps:without([a, c], M)]),
    io:format("~p~n", [maps:update_with(a, fun(V) -> V + 1 end, M)]),
    io:format("~p~n", [maps:update_with(z, fun(V) -> V + 1 end, 0, M)]),
    io:format("~p~n", [maps:take(b, M)]),
    io:format("~p~n", [maps:new()]),
    io:format("~p~n", [maps:from_keys([p, q], 0)]),
    io:format("~p~n", [maps:groups_from_list(fun(X) -> X rem 3 end, lists:seq(1, 10))]),
    io:format("~p~n", [maps:filtermap(fun(_, V) when V > 2 -> false; (_, V) -> {true, -V} end, M)]),
    io:format("~p~n", [maps:merge_with(fun(_K, A, B) -> A + B end, M, #{a => 5, e => 5})]),
    io:format("~p~n", [maps:intersect(M, #{a => x, q => y})]),
    io:format("~p~n", [try maps:get(nope, M) catch error:R -> R end]).
