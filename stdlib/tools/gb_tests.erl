%% Compares kr_gb_trees / kr_gb_sets with OTP (values and tree shapes).
-module(gb_tests).
-export([main/0]).

main() ->
    rand:seed(exsss, {41, 42, 43}),
    Cases = cases(),
    Fails = [C || {M, F, A} = C <- Cases, not lists_tests:check(M, F, A)],
    [lists_tests:report(C) || C <- lists:sublist(Fails, 10)],
    io:format("gb_tests: ~p cases, ~p failures~n", [length(Cases), length(Fails)]).

rl() -> [rand:uniform(40) || _ <- lists:seq(1, rand:uniform(30) - 1)].
t() -> lists:foldl(fun(K, T) -> gb_trees:enter(K, K * 2, T) end, gb_trees:empty(), rl()).
s() -> lists:foldl(fun(K, S) -> gb_sets:add(K, S) end, gb_sets:empty(), rl()).
rs() -> gb_sets:from_list(rl()).

cases() ->
    lists:append([
      [{gb_trees, insert, [41, x, t()]}, {gb_trees, enter, [rand:uniform(40), y, t()]},
       {gb_trees, lookup, [rand:uniform(40), t()]}, {gb_trees, delete_any, [rand:uniform(40), t()]},
       {gb_trees, take_any, [rand:uniform(40), t()]}, {gb_trees, to_list, [t()]}, {gb_trees, keys, [t()]},
       {gb_trees, values, [t()]}, {gb_trees, balance, [t()]}, {gb_trees, smallest, [t()]},
       {gb_trees, largest, [t()]}, {gb_trees, take_smallest, [t()]}, {gb_trees, take_largest, [t()]},
       {gb_trees, from_orddict, [orddict:from_list([{K, v} || K <- rl()])]},
       {gb_trees, map, [fun(_, V) -> V + 1 end, t()]}, {gb_trees, size, [t()]},
       {gb_trees, next, [gb_trees:iterator_from(rand:uniform(40), t())]},
       {gb_sets, add, [rand:uniform(40), s()]}, {gb_sets, insert, [41, s()]}, {gb_sets, del_element, [rand:uniform(40), s()]},
       {gb_sets, is_member, [rand:uniform(40), s()]}, {gb_sets, to_list, [s()]}, {gb_sets, from_list, [rl()]},
       {gb_sets, balance, [s()]}, {gb_sets, take_smallest, [s()]}, {gb_sets, largest, [s()]},
       {gb_sets, union, [rs(), rs()]}, {gb_sets, intersection, [rs(), rs()]}, {gb_sets, difference, [rs(), rs()]},
       {gb_sets, is_subset, [rs(), rs()]}, {gb_sets, is_disjoint, [rs(), rs()]},
       {gb_sets, filter, [fun(X) -> X rem 2 =:= 0 end, s()]}, {gb_sets, fold, [fun(X, A) -> [X | A] end, [], s()]},
       {gb_sets, next, [gb_sets:iterator(s())]}]
      || _ <- lists:seq(1, 200)]) ++
    [{gb_trees, insert, [1, x, gb_trees:insert(1, y, gb_trees:empty())]}, {gb_trees, get, [9, gb_trees:empty()]}].
