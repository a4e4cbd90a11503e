%% Compares kr_lists (and later kr_maps, kr_string ...) with OTP over many
%% generated inputs, including the error class and reason.
%% Run: stdlib/tools/run_tests.sh
-module(lists_tests).
-export([main/0, cases/0, check/3, report/1]).

main() ->
    rand:seed(exsss, {4, 5, 6}),
    Fails = [C || C <- cases(), not same(C)],
    [report(C) || C <- lists:sublist(Fails, 10)],
    io:format("lists_tests: ~p cases, ~p failures~n", [length(cases()), length(Fails)]).

same({M, F, A}) -> check(M, F, A).

check(M, F, A) ->
    KM = list_to_atom("kr_" ++ atom_to_list(M)),
    res(M, F, A) =:= res(KM, F, A).

res(M, F, A) ->
    try apply(M, F, A) of V -> {ok, V}
    catch C:R -> {C, reason(R)}
    end.

reason({R, _}) when is_atom(R) -> R;
reason(R) -> R.

report({M, F, A}) ->
    KM = list_to_atom("kr_" ++ atom_to_list(M)),
    io:format("MISMATCH ~p:~p~P~n  otp: ~P~n  kr:  ~P~n",
              [M, F, A, 12, res(M, F, A), 12, res(KM, F, A), 12]).

rl() -> [rand:uniform(10) || _ <- lists:seq(1, rand:uniform(12) - 1)].
mixed() -> [lists:nth(rand:uniform(6), [1, 1.0, 2, a, 2.0, "x"]) || _ <- lists:seq(1, rand:uniform(10) - 1)].
tl_() -> [{rand:uniform(5), rand:uniform(3), x} || _ <- lists:seq(1, rand:uniform(10) - 1)].
deep() -> [case rand:uniform(3) of 1 -> rl(); 2 -> [rl(), [rl()]]; _ -> rand:uniform(9) end || _ <- lists:seq(1, rand:uniform(6) - 1)].

cases() ->
    Even = fun(X) -> is_integer(X) andalso X rem 2 =:= 0 end,
    Lt = fun(A, B) -> A < B end,
    Ge = fun(A, B) -> A >= B end,
    Le = fun(A, B) -> A =< B end,
    Add = fun(X, Acc) -> X + Acc end,
    Cons = fun(X, Acc) -> [X | Acc] end,
    MF = fun(X, Acc) -> {X * 2, Acc + X} end,
    FM = fun(X) when X > 5 -> {true, X * 10}; (X) -> X rem 2 =:= 0 end,
    lists:append([
      [{lists, reverse, [rl()]}, {lists, sort, [mixed()]}, {lists, usort, [mixed()]},
       {lists, sort, [Lt, rl()]}, {lists, sort, [Ge, rl()]}, {lists, sort, [Le, mixed()]},
       {lists, usort, [Le, rl()]}, {lists, usort, [Ge, mixed()]},
       {lists, keysort, [1, tl_()]}, {lists, keysort, [2, tl_()]}, {lists, ukeysort, [1, tl_()]},
       {lists, ukeysort, [2, tl_()]}, {lists, keydelete, [rand:uniform(5), 1, tl_()]},
       {lists, keyreplace, [rand:uniform(5), 1, tl_(), {new}]},
       {lists, keystore, [rand:uniform(5), 1, tl_(), {new}]},
       {lists, keytake, [rand:uniform(5), 1, tl_()]},
       {lists, keymerge, [1, lists:keysort(1, tl_()), lists:keysort(1, tl_())]},
       {lists, ukeymerge, [1, lists:ukeysort(1, tl_()), lists:ukeysort(1, tl_())]},
       {lists, seq, [rand:uniform(10) - 3, rand:uniform(10) - 3]},
       {lists, seq, [rand:uniform(20) - 5, rand:uniform(20) - 5, rand:uniform(7) - 4]},
       {lists, nth, [rand:uniform(8) - 1, rl()]}, {lists, nthtail, [rand:uniform(8) - 1, rl()]},
       {lists, append, [[rl(), rl(), rl()]]}, {lists, append, [rl(), rl()]},
       {lists, flatten, [deep()]}, {lists, flatten, [deep(), rl()]}, {lists, flatlength, [deep()]},
       {lists, zip, [rl(), rl()]}, {lists, zip3, [rl(), rl(), rl()]},
       {lists, unzip, [lists:zip([1, 2], [3, 4])]}, {lists, unzip3, [[{1, 2, 3}, {4, 5, 6}]]},
       {lists, zipwith, [Add, rl(), rl()]}, {lists, sum, [rl()]}, {lists, max, [mixed()]},
       {lists, min, [mixed()]}, {lists, last, [rl()]}, {lists, split, [rand:uniform(8) - 2, rl()]},
       {lists, splitwith, [Even, rl()]}, {lists, partition, [Even, rl()]},
       {lists, any, [Even, rl()]}, {lists, all, [Even, rl()]}, {lists, map, [fun(X) -> X * 3 end, rl()]},
       {lists, filter, [Even, rl()]}, {lists, foldl, [Cons, [], rl()]}, {lists, foldr, [Cons, [], rl()]},
       {lists, sublist, [rl(), rand:uniform(8) - 1]},
       {lists, sublist, [rl(), rand:uniform(14) - 1, rand:uniform(8) - 1]},
       {lists, dropwhile, [Even, rl()]}, {lists, takewhile, [Even, rl()]},
       {lists, mapfoldl, [MF, 0, rl()]}, {lists, mapfoldr, [MF, 0, rl()]},
       {lists, flatmap, [fun(X) -> [X, X] end, rl()]}, {lists, filtermap, [FM, rl()]},
       {lists, delete, [rand:uniform(10), rl()]}, {lists, subtract, [rl(), rl()]},
       {lists, duplicate, [rand:uniform(5) - 1, x]}, {lists, droplast, [rl()]},
       {lists, prefix, [rl(), rl()]}, {lists, suffix, [lists:sublist(rl(), 2), rl()]},
       {lists, merge, [lists:sort(mixed()), lists:sort(mixed())]},
       {lists, merge, [Ge, lists:reverse(lists:sort(rl())), lists:reverse(lists:sort(rl()))]},
       {lists, merge, [[lists:sort(rl()), lists:sort(rl()), lists:sort(rl())]]},
       {lists, merge3, [lists:sort(rl()), lists:sort(rl()), lists:sort(rl())]},
       {lists, umerge, [lists:usort(rl()), lists:usort(rl())]},
       {lists, umerge, [[lists:usort(rl()), lists:usort(rl()), lists:usort(rl())]]},
       {lists, umerge3, [lists:usort(rl()), lists:usort(rl()), lists:usort(rl())]},
       {lists, concat, [[a, "b", 1, 2.5]]}, {lists, join, [x, rl()]},
       {lists, enumerate, [rl()]}, {lists, enumerate, [rand:uniform(5) - 3, rl()]},
       {lists, search, [Even, rl()]}, {lists, uniq, [mixed()]}, {lists, uniq, [fun(X) -> X rem 3 end, rl()]},
       {lists, keymap, [fun(X) -> X * 2 end, 1, tl_()]}, {lists, rkeymerge, [1, lists:reverse(lists:keysort(1, tl_())), lists:reverse(lists:keysort(1, tl_()))]},
       {lists, foreach, [fun(_) -> ok end, rl()]},
       {lists, zipwith3, [fun(A, B, C) -> A + B + C end, rl(), rl(), rl()]}]
      || _ <- lists:seq(1, 150)]) ++
    [{lists, sort, [[3, 1, 2 | x]]}, {lists, seq, [5, 1]}, {lists, seq, [1, 5, 0]}, {lists, seq, [1, 1, 0]},
     {lists, nth, [0, [1]]}, {lists, last, [[]]}, {lists, sum, [[a]]}, {lists, split, [a, [1]]},
     {lists, flatten, [a]}, {lists, map, [a, []]}, {lists, foldl, [a, 0, []]}, {lists, max, [[]]},
     {lists, duplicate, [-1, x]}, {lists, sublist, [[1, 2], -1]}, {lists, nthtail, [3, [1]]},
     {lists, keysort, [0, []]}, {lists, zip, [[1], []]}, {lists, droplast, [[]]},
     {lists, enumerate, [a, [1]]}, {lists, join, [x, a]}, {lists, sort, [lists:seq(1000, 1, -1) ++ lists:seq(1, 500)]}].
