%% Compares kr_queue, kr_proplists, kr_orddict, kr_ordsets with OTP
%% (results include the queue's internal representation), and checks
%% kr_sets against OTP's sets by value (sorted lists).
-module(coll_tests).
-export([main/0]).

main() ->
    rand:seed(exsss, {21, 22, 23}),
    Cases = cases(),
    Fails = [C || {M, F, A} = C <- Cases, not lists_tests:check(M, F, A)],
    [lists_tests:report(C) || C <- lists:sublist(Fails, 10)],
    SetFails = sets_check(),
    io:format("coll_tests: ~p cases, ~p failures, ~p sets failures~n",
              [length(Cases), length(Fails), SetFails]).

rl() -> [rand:uniform(10) || _ <- lists:seq(1, rand:uniform(12) - 1)].
q() ->
    Q0 = queue:from_list(rl()),
    lists:foldl(fun(X, Q) -> case rand:uniform(4) of
                                 1 -> queue:in(X, Q);
                                 2 -> queue:in_r(X, Q);
                                 3 -> element(2, queue:out(Q));
                                 _ -> element(2, queue:out_r(Q))
                             end end, Q0, rl()).
pl() -> [case rand:uniform(5) of
             1 -> lists:nth(rand:uniform(3), [a, b, c]);
             2 -> {lists:nth(rand:uniform(3), [a, b, c]), rand:uniform(3)};
             3 -> {lists:nth(rand:uniform(3), [a, b, c]), rand:uniform(3), x};
             4 -> {lists:nth(rand:uniform(3), [a, b, c]), lists:nth(rand:uniform(3), [true, false, [1, 2]])};
             _ -> "str"
         end || _ <- lists:seq(1, rand:uniform(8) - 1)].
od() -> orddict:from_list([{rand:uniform(8), rand:uniform(5)} || _ <- lists:seq(1, rand:uniform(8) - 1)]).
os() -> ordsets:from_list([lists:nth(rand:uniform(4), [1, 1.0, 2, 3]) || _ <- lists:seq(1, rand:uniform(5))] ++ rl()).
key() -> lists:nth(rand:uniform(4), [a, b, c, d]).

cases() ->
    Even = fun(X) -> X rem 2 =:= 0 end,
    lists:append([
      [{queue, to_list, [q()]}, {queue, len, [q()]}, {queue, in, [x, q()]}, {queue, in_r, [x, q()]},
       {queue, out, [q()]}, {queue, out_r, [q()]}, {queue, get, [q()]}, {queue, get_r, [q()]},
       {queue, peek, [q()]}, {queue, peek_r, [q()]}, {queue, drop, [q()]}, {queue, drop_r, [q()]},
       {queue, reverse, [q()]}, {queue, join, [q(), q()]}, {queue, split, [rand:uniform(6) - 1, q()]},
       {queue, filter, [fun(X) when X > 7 -> [X, X]; (X) -> Even(X) end, q()]},
       {queue, filtermap, [fun(X) when X > 7 -> {true, y}; (X) -> Even(X) end, q()]},
       {queue, fold, [fun(X, A) -> [X | A] end, [], q()]}, {queue, any, [Even, q()]},
       {queue, all, [Even, q()]}, {queue, member, [rand:uniform(10), q()]},
       {queue, delete, [rand:uniform(10), q()]}, {queue, delete_r, [rand:uniform(10), q()]},
       {queue, delete_with, [Even, q()]}, {queue, from_list, [rl()]}, {queue, is_empty, [q()]},
       {queue, head, [q()]}, {queue, last, [q()]}, {queue, liat, [q()]},
       {proplists, get_value, [key(), pl()]}, {proplists, get_value, [key(), pl(), def]},
       {proplists, get_all_values, [key(), pl()]}, {proplists, append_values, [key(), pl()]},
       {proplists, lookup, [key(), pl()]}, {proplists, lookup_all, [key(), pl()]},
       {proplists, is_defined, [key(), pl()]}, {proplists, delete, [key(), pl()]},
       {proplists, get_bool, [key(), pl()]}, {proplists, get_keys, [pl()]},
       {proplists, compact, [pl()]}, {proplists, unfold, [pl()]}, {proplists, to_map, [pl()]},
       {proplists, split, [pl(), [a, b]]},
       {proplists, normalize, [pl(), [{aliases, [{a, z}]}, {negations, [{b, nb}]}, {expand, [{c, [x, y]}, {{a, 1}, [q]}]}]]},
       {orddict, store, [rand:uniform(8), v, od()]}, {orddict, find, [rand:uniform(8), od()]},
       {orddict, fetch, [rand:uniform(8), od()]}, {orddict, erase, [rand:uniform(8), od()]},
       {orddict, take, [rand:uniform(8), od()]}, {orddict, append, [rand:uniform(8), v, orddict:from_list([{3, [a]}])]},
       {orddict, update_counter, [rand:uniform(8), 5, od()]}, {orddict, update, [rand:uniform(8), fun(V) -> V * 2 end, od()]},
       {orddict, update, [rand:uniform(8), fun(V) -> V * 2 end, 0, od()]},
       {orddict, merge, [fun(_, A, B) -> A + B end, od(), od()]}, {orddict, fetch_keys, [od()]},
       {orddict, from_list, [[{rand:uniform(4), rand:uniform(9)} || _ <- lists:seq(1, 6)]]},
       {orddict, is_key, [rand:uniform(8), od()]}, {orddict, filter, [fun(K, _) -> Even(K) end, od()]},
       {orddict, map, [fun(_, V) -> V + 1 end, od()]}, {orddict, fold, [fun(K, V, A) -> [{K, V} | A] end, [], od()]},
       {ordsets, union, [os(), os()]}, {ordsets, union, [[os(), os(), os()]]}, {ordsets, intersection, [os(), os()]},
       {ordsets, intersection, [[os(), os(), os()]]}, {ordsets, subtract, [os(), os()]},
       {ordsets, is_subset, [os(), os()]}, {ordsets, is_disjoint, [os(), os()]},
       {ordsets, add_element, [lists:nth(rand:uniform(3), [1.0, 2, 11]), os()]},
       {ordsets, del_element, [lists:nth(rand:uniform(3), [1.0, 2, 11]), os()]},
       {ordsets, is_element, [lists:nth(rand:uniform(3), [1.0, 2, 11]), os()]},
       {ordsets, from_list, [rl()]}, {ordsets, is_set, [rl()]}, {ordsets, filter, [Even, os()]},
       {ordsets, fold, [fun(X, A) -> [X | A] end, [], os()]}]
      || _ <- lists:seq(1, 150)]) ++
    [{queue, get, [{[], []}]}, {queue, len, [x]}, {queue, drop, [{[], []}]}, {queue, split, [9, queue:from_list([1])]},
     {orddict, fetch, [z, [{a, 1}]]}, {proplists, get_value, [a, [{a, 1, 2}, {a, 3}]]}].

sets_check() ->
    Fs = [fun() -> L1 = rl(), L2 = rl(),
                   S1 = sets:from_list(L1), S2 = sets:from_list(L2),
                   K1 = kr_sets:from_list(L1), K2 = kr_sets:from_list(L2),
                   [lists:sort(sets:to_list(sets:union(S1, S2))) =:= lists:sort(kr_sets:to_list(kr_sets:union(K1, K2))),
                    lists:sort(sets:to_list(sets:intersection(S1, S2))) =:= lists:sort(kr_sets:to_list(kr_sets:intersection(K1, K2))),
                    lists:sort(sets:to_list(sets:subtract(S1, S2))) =:= lists:sort(kr_sets:to_list(kr_sets:subtract(K1, K2))),
                    sets:is_subset(S1, S2) =:= kr_sets:is_subset(K1, K2),
                    sets:is_disjoint(S1, S2) =:= kr_sets:is_disjoint(K1, K2),
                    sets:size(S1) =:= kr_sets:size(K1),
                    sets:is_element(3, S1) =:= kr_sets:is_element(3, K1),
                    lists:sort(sets:fold(fun(X, A) -> [X | A] end, [], S1)) =:= lists:sort(kr_sets:fold(fun(X, A) -> [X | A] end, [], K1)),
                    lists:sort(sets:to_list(sets:del_element(3, sets:add_element(11, S1)))) =:=
                        lists:sort(kr_sets:to_list(kr_sets:del_element(3, kr_sets:add_element(11, K1))))]
           end || _ <- lists:seq(1, 300)],
    length([x || F <- Fs, R <- F(), R =/= true]).
