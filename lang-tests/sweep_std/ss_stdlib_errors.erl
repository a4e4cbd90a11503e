-module(ss_stdlib_errors).
-export([main/0]).

t(F) ->
    try F() of
        V -> {ok, V}
    catch
        C:R -> {C, R}
    end.

p(Label, F) -> io:format("~-24s ~p~n", [Label, t(F)]).

main() ->
    Id = fun(X) -> X end,
    Le = fun(A, B) -> A =< B end,
    p("map non-list", fun() -> lists:map(Id, {1, 2}) end),
    p("map improper", fun() -> lists:map(Id, [1, 2 | 3]) end),
    p("map bad fun", fun() -> lists:map(not_fun, [1]) end),
    p("foldl non-list", fun() -> lists:foldl(fun(X, A) -> X + A end, 0, 7) end),
    p("foldl improper", fun() -> lists:foldl(fun(X, A) -> X + A end, 0, [1 | 2]) end),
    p("foldr non-list", fun() -> lists:foldr(fun(X, A) -> X + A end, 0, 7) end),
    p("all non-list", fun() -> lists:all(Id, x) end),
    p("any non-list", fun() -> lists:any(Id, x) end),
    p("all non-boolean", fun() -> lists:all(Id, [true, maybe]) end),
    p("foreach non-list", fun() -> lists:foreach(Id, x) end),
    p("filter non-list", fun() -> lists:filter(Id, x) end),
    p("reverse atom", fun() -> lists:reverse(abc) end),
    p("reverse [a|b]", fun() -> lists:reverse([a | b]) end),
    p("reverse [a,b|c]", fun() -> lists:reverse([a, b | c]) end),
    p("reverse [a,b,c|d]", fun() -> lists:reverse([a, b, c | d]) end),
    p("sort bad fun", fun() -> lists:sort(nofun, [2, 1]) end),
    p("sort fun arity", fun() -> case t(fun() -> lists:sort(Id, [2, 1]) end) of
                                     {error, {badarity, {_, Args}}} -> {badarity, Args};
                                     O -> O
                                 end end),
    p("sort improper", fun() -> lists:sort([3, 1 | 2]) end),
    p("usort improper", fun() -> lists:usort([3, 1 | 2]) end),
    p("usort/2 non-list", fun() -> lists:usort(Le, x) end),
    p("keysort non-list", fun() -> lists:keysort(1, x) end),
    p("keysort improper", fun() -> lists:keysort(1, [{b}, {a} | c]) end),
    p("keysort non-tuple", fun() -> lists:keysort(1, [{b}, a]) end),
    p("keysort single", fun() -> lists:keysort(3, [not_a_tuple]) end),
    p("ukeysort non-list", fun() -> lists:ukeysort(1, x) end),
    p("keymerge non-list", fun() -> lists:keymerge(1, [{a}], x) end),
    p("keymerge non-tuple", fun() -> lists:keymerge(1, [a], [{b}]) end),
    p("keymerge empty", fun() -> lists:keymerge(1, whatever, []) end),
    p("ukeymerge", fun() -> lists:ukeymerge(1, [{a, 1}, {c, 1}], [{a, 2}, {b, 2}]) end),
    p("merge non-list", fun() -> lists:merge([1], x) end),
    p("merge improper", fun() -> lists:merge([], [1 | 2]) end),
    p("merge/1 non-list", fun() -> lists:merge(x) end),
    p("merge/1", fun() -> lists:merge([[1, 4], [2, 3], [0, 5]]) end),
    p("umerge/1", fun() -> lists:umerge([[1, 4], [1, 3], [3, 5]]) end),
    p("umerge non-list", fun() -> lists:umerge(x, []) end),
    p("maps:fold bad fun", fun() -> maps:fold(nofun, 0, #{a => 1}) end),
    p("maps:fold bad map", fun() -> maps:fold(fun(_, _, A) -> A end, 0, [a]) end),
    p("maps:map bad fun", fun() -> maps:map(fun(V) -> V end, #{a => 1}) end),
    p("maps:filter non-bool", fun() -> maps:filter(fun(_, V) -> V end, #{a => 1}) end),
    p("maps:filtermap bad", fun() -> maps:filtermap(fun(_, V) -> V end, #{a => 1}) end),
    p("maps:foreach bad fun", fun() -> maps:foreach(x, #{}) end),
    M = #{c => 3, a => 1, b => 2},
    I = maps:iterator(M),
    p("fold over iterator", fun() -> maps:fold(fun(K, V, A) -> [{K, V} | A] end, [], I) end),
    p("map over iterator", fun() -> maps:map(fun(_, V) -> V * 2 end, I) end),
    p("filter over iterator", fun() -> maps:filter(fun(_, V) -> V > 1 end, I) end),
    p("iterator term", fun() -> I end),
    p("next", fun() -> maps:next(I) end),
    p("next none", fun() -> maps:next(none) end),
    p("next bad", fun() -> maps:next(bad) end),
    p("iterator steps", fun() -> {K1, _, I2} = maps:next(I), {K2, _, I3} = maps:next(I2),
                                 {K1, K2, maps:next(I3)} end),
    p("with improper", fun() -> maps:with([a | b], M) end),
    p("with non-list", fun() -> maps:with(a, M) end),
    p("without improper", fun() -> maps:without([a | b], M) end),
    p("from_keys improper", fun() -> maps:from_keys([a | b], 0) end),
    p("groups improper", fun() -> maps:groups_from_list(Id, [a | b]) end),
    p("groups order", fun() -> maps:groups_from_list(fun(X) -> X rem 3 end, fun(X) -> {X} end,
                                                     lists:seq(1, 9)) end),
    p("groups calls", fun() ->
                              erase(),
                              _ = maps:groups_from_list(fun(X) -> put(X, length(get())), X end, [a, b, c]),
                              lists:sort(get())
                      end),
    p("proplists:get_keys bad", fun() -> proplists:get_keys(x) end),
    p("proplists:get_keys", fun() -> lists:sort(proplists:get_keys([a, {b, 1}, "s", {c, 1, 2}, a])) end),
    p("orddict:from_list bad", fun() -> orddict:from_list([a, b]) end),
    p("orddict:from_list x", fun() -> orddict:from_list(x) end),
    p("orddict:from_list 3", fun() -> orddict:from_list([{a, 1, 2}, {b, 1, 2}]) end),
    p("convert_time_unit", fun() -> [erlang:convert_time_unit(X, millisecond, second) || X <- [-1, -999, -1000, -1001, 999, 1000]] end),
    p("convert_time_unit big", fun() -> erlang:convert_time_unit(1 bsl 70, second, nanosecond) end),
    p("convert_time_unit per", fun() -> erlang:convert_time_unit(10, 3, 7) end),
    p("convert_time_unit bad", fun() -> erlang:convert_time_unit(1, second, hours) end),
    p("convert_time_unit flt", fun() -> erlang:convert_time_unit(1.0, second, second) end),
    p("unique_integer bad", fun() -> erlang:unique_integer([positive, nope]) end),
    p("binary_to_atom enc", fun() -> binary_to_atom(<<"ok">>, ascii) end),
    p("split_binary bits", fun() -> split_binary(<<1, 2:3>>, 1) end),
    ok.
