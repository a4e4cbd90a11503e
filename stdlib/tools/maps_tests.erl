%% Compares kr_maps with OTP's maps over generated maps, including errors.
-module(maps_tests).
-export([main/0]).

main() ->
    rand:seed(exsss, {8, 9, 10}),
    Cases = cases(),
    Fails = [C || {M, F, A} = C <- Cases, not lists_tests:check(M, F, A)],
    [lists_tests:report(C) || C <- lists:sublist(Fails, 10)],
    io:format("maps_tests: ~p cases, ~p failures~n", [length(Cases), length(Fails)]).

rm() -> maps:from_list([{key(), rand:uniform(100)} || _ <- lists:seq(1, rand:uniform(40) - 1)]).
key() -> lists:nth(rand:uniform(8), [a, b, c, 1, 1.0, "s", {t}, rand:uniform(50)]).
keys() -> [key() || _ <- lists:seq(1, rand:uniform(6) - 1)].

cases() ->
    Inc = fun(V) -> V + 1 end,
    lists:append([
      [{maps, get, [key(), rm(), def]}, {maps, update_with, [key(), Inc, rm()]},
       {maps, update_with, [key(), Inc, 0, rm()]},
       {maps, fold, [fun(K, V, Acc) -> [{K, V} | Acc] end, [], rm()]},
       {maps, map, [fun(_K, V) -> V * 2 end, rm()]},
       {maps, filter, [fun(_K, V) -> V rem 2 =:= 0 end, rm()]},
       {maps, filtermap, [fun(_K, V) when V > 50 -> {true, x}; (_K, V) -> V rem 2 =:= 0 end, rm()]},
       {maps, foreach, [fun(_, _) -> ok end, rm()]},
       {maps, with, [keys(), rm()]}, {maps, without, [keys(), rm()]},
       {maps, size, [rm()]}, {maps, from_keys, [keys(), v]},
       {maps, intersect, [rm(), rm()]},
       {maps, intersect_with, [fun(_K, A, B) -> A - B end, rm(), rm()]},
       {maps, merge_with, [fun(_K, A, B) -> A - B end, rm(), rm()]},
       {maps, groups_from_list, [fun(X) -> X rem 3 end, [rand:uniform(20) || _ <- lists:seq(1, 10)]]},
       {maps, groups_from_list, [fun(X) -> X rem 3 end, fun(X) -> X * 2 end, [rand:uniform(20) || _ <- lists:seq(1, 10)]]}]
      || _ <- lists:seq(1, 200)]) ++
    [{maps, get, [a, x, 1]}, {maps, update_with, [zz, Inc, #{}]}, {maps, update_with, [a, Inc, x]},
     {maps, fold, [a, 0, #{}]}, {maps, fold, [fun(_, _, A) -> A end, 0, x]},
     {maps, map, [fun(_, V) -> V end, x]}, {maps, with, [[a], x]}, {maps, without, [[a], x]},
     {maps, size, [x]}, {maps, intersect, [x, #{}]}, {maps, merge_with, [x, #{}, #{}]},
     {maps, merge_with, [fun(_, A, _) -> A end, #{}, x]}, {maps, from_keys, [x, 1]},
     {maps, new, []}].
