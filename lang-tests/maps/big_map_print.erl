%% Maps of more than 32 keys print (~p, ~w) and iterate (fold, iterator/next,
%% map, filter, filtermap, foreach, intersect_with, merge_with) in OTP's
%% internal order, which differs from maps:to_list/1 order.
-module(big_map_print).
-export([main/0]).

keys(int, N) -> lists:seq(1, N);
keys(neg, N) -> [I * 7919 - 50000 || I <- lists:seq(1, N)];
keys(tuple, N) -> [{I, I rem 3} || I <- lists:seq(1, N)];
keys(binary, N) -> [integer_to_binary(I) || I <- lists:seq(1, N)];
keys(string, N) -> ["k" ++ integer_to_list(I) || I <- lists:seq(1, N)].

walk(none) -> [];
walk({K, _V, I}) -> [K | walk(maps:next(I))].

visits(F) ->
    put(visits, []),
    F(),
    lists:reverse(get(visits)).

visit(K) -> put(visits, [K | get(visits)]).

check(Kind, N) ->
    M = maps:from_list([{K, N} || K <- keys(Kind, N)]),
    io:format("== ~p ~p~n", [Kind, N]),
    Fold = lists:reverse(maps:fold(fun(K, _, A) -> [K | A] end, [], M)),
    Iter = walk(maps:next(maps:iterator(M))),
    ToList = [K || {K, _} <- maps:to_list(M)],
    io:format("fold ~w~n", [Fold]),
    io:format("iter=fold ~p to_list=keys ~p~n", [Iter =:= Fold, ToList =:= maps:keys(M)]),
    io:format("to_list ~w~n", [ToList]),
    Each = [visits(fun() -> maps:foreach(fun(K, _) -> visit(K) end, M) end),
            visits(fun() -> maps:map(fun(K, V) -> visit(K), V end, M) end),
            visits(fun() -> maps:filter(fun(K, _) -> visit(K), true end, M) end),
            visits(fun() -> maps:filtermap(fun(K, _) -> visit(K), true end, M) end)],
    io:format("foreach/map/filter/filtermap = fold: ~p~n", [[E =:= Fold || E <- Each]]),
    Half = maps:from_list([{K, x} || K <- lists:sublist(keys(Kind, N), N div 2 + 20)]),
    io:format("intersect_with ~w~n",
              [visits(fun() -> maps:intersect_with(fun(K, A, _) -> visit(K), A end, M, Half) end)]),
    io:format("intersect_with ~w~n",
              [visits(fun() -> maps:intersect_with(fun(K, A, _) -> visit(K), A end, Half, M) end)]),
    io:format("merge_with ~w~n",
              [visits(fun() -> maps:merge_with(fun(K, A, _) -> visit(K), A end, M, Half) end)]),
    io:format("merge_with ~w~n",
              [visits(fun() -> maps:merge_with(fun(K, A, _) -> visit(K), A end, Half, M) end)]),
    S = sets:from_list(keys(Kind, N), [{version, 2}]),
    io:format("sets fold ~w~n", [lists:reverse(sets:fold(fun(E, A) -> [E | A] end, [], S))]),
    case N =< 100 of
        true ->
            io:format("~p~n~w~n", [M, M]),
            io:format("~p~n", [#{nested => M, n => N}]);
        false ->
            ok
    end.

main() ->
    [check(Kind, N) || Kind <- [int, neg, tuple, binary, string],
                       N <- [32, 33, 40, 64, 100, 333, 1000]],
    ok.
