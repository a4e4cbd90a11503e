-module(ss_lists_keys).
-export([main/0]).

t(F) ->
    try F() of
        V -> V
    catch
        C:R -> {caught, C, R}
    end.

p(Label, F) -> io:format("~s~n  ~p~n", [Label, t(F)]).

main() ->
    Db = [{carol, 31, nyc}, {alice, 29, sf}, {bob, 29, la}, {dave, 40, nyc}, {alice, 50, boston}],
    p("keysort 1 (stable)", fun() -> lists:keysort(1, Db) end),
    p("keysort 2 (stable)", fun() -> lists:keysort(2, Db) end),
    p("keysort 3", fun() -> lists:keysort(3, Db) end),
    p("keysort empty", fun() -> lists:keysort(1, []) end),
    p("keysort single", fun() -> lists:keysort(5, [{a}]) end),
    p("keysort short tuple", fun() -> lists:keysort(3, [{a, b, c}, {a, b}]) end),
    p("keysort key 0", fun() -> lists:keysort(0, Db) end),
    p("ukeysort 2", fun() -> lists:ukeysort(2, Db) end),
    p("ukeysort 1", fun() -> lists:ukeysort(1, Db) end),
    p("keyfind", fun() -> [lists:keyfind(alice, 1, Db), lists:keyfind(nyc, 3, Db), lists:keyfind(x, 1, Db)] end),
    p("keyfind mixed", fun() -> lists:keyfind(1, 1, [a, {1.0, float}, {1, int}, [x]]) end),
    p("keyfind pos beyond", fun() -> lists:keyfind(a, 4, [{a, b}, {c, d, e, a}]) end),
    p("keyfind bad pos", fun() -> lists:keyfind(a, 0, [{a}]) end),
    p("keyfind not list", fun() -> lists:keyfind(a, 1, {a}) end),
    p("keymember", fun() -> [lists:keymember(29, 2, Db), lists:keymember(99, 2, Db)] end),
    p("keysearch", fun() -> [lists:keysearch(bob, 1, Db), lists:keysearch(zed, 1, Db)] end),
    p("keystore replace first", fun() -> lists:keystore(alice, 1, Db, {alice, 0, nowhere}) end),
    p("keystore append", fun() -> lists:keystore(erin, 1, Db, {erin, 22, austin}) end),
    p("keystore empty", fun() -> lists:keystore(k, 1, [], {k, v}) end),
    p("keydelete first only", fun() -> lists:keydelete(alice, 1, Db) end),
    p("keydelete missing", fun() -> lists:keydelete(zed, 1, Db) end),
    p("keydelete non-tuples", fun() -> lists:keydelete(a, 1, [a, {a, 1}, b]) end),
    p("keyreplace", fun() -> lists:keyreplace(29, 2, Db, {young}) end),
    p("keyreplace missing", fun() -> lists:keyreplace(1, 2, Db, {young}) end),
    p("keyreplace bad new", fun() -> lists:keyreplace(29, 2, Db, young) end),
    p("keytake", fun() -> lists:keytake(nyc, 3, Db) end),
    p("keytake missing", fun() -> lists:keytake(nowhere, 3, Db) end),
    p("keymap", fun() -> lists:keymap(fun atom_to_list/1, 1, [{a, 1}, {b, 2}]) end),
    p("keymerge", fun() -> lists:keymerge(2, [{a, 1}, {b, 3}], [{c, 1}, {d, 2}, {e, 4}]) end),
    p("ukeymerge", fun() -> lists:ukeymerge(1, [{a, 1}, {c, 3}], [{a, 2}, {b, 2}, {c, 9}]) end),
    p("keysort then keyfind", fun() -> lists:keyfind(29, 2, lists:keysort(1, Db)) end),
    p("sort mixed types", fun() -> lists:sort([{1}, "s", 3, a, 2.0, <<"b">>, [], #{}, {0, 0}, -1, 1 bsl 65]) end),
    p("sort int/float equal", fun() -> lists:sort([2, 1.0, 1, 2.0, 1]) end),
    p("usort int/float", fun() -> lists:usort([2, 1.0, 1, 2.0, 1]) end),
    p("sort/2 desc", fun() -> lists:sort(fun(A, B) -> A >= B end, [3, 1, 4, 1, 5, 9, 2, 6]) end),
    p("sort/2 by length", fun() -> lists:sort(fun(A, B) -> length(A) =< length(B) end,
                                              ["ccc", "a", "bb", "d", "eee"]) end),
    p("usort/2", fun() -> lists:usort(fun(A, B) -> A rem 3 =< B rem 3 end, [1, 2, 3, 4, 5, 6]) end),
    p("sort bad", fun() -> lists:sort(notalist) end),
    p("sort improper", fun() -> lists:sort([3, 2 | 1]) end),
    p("merge3", fun() -> lists:merge3([1, 4], [2, 5], [3, 6]) end),
    p("merge list of lists", fun() -> lists:merge([[1, 5], [2, 3], [4]]) end),
    p("umerge list of lists", fun() -> lists:umerge([[1, 5], [1, 3], [3, 5]]) end),
    p("merge/3", fun() -> lists:merge(fun(A, B) -> A >= B end, [5, 3, 1], [4, 2]) end),
    p("rmerge", fun() -> lists:rmerge([5, 3, 1], [4, 2]) end),
    p("big sort", fun() ->
                          L = [(X * 7919) rem 1000 || X <- lists:seq(1, 500)],
                          S = lists:sort(L),
                          {length(S), lists:sublist(S, 10), lists:last(S), length(lists:usort(L))}
                  end),
    ok.
