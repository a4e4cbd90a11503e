-module(ss_maps_edge).
-export([main/0]).

t(F) ->
    try F() of
        V -> V
    catch
        C:R -> {caught, C, R}
    end.

p(Label, F) -> io:format("~s: ~p~n", [Label, t(F)]).

main() ->
    M = #{b => 2, a => 1, 3 => three, "s" => str, {t} => tup, 1.0 => float, 1 => int, [] => nil},
    p("to_list order", fun() -> maps:to_list(M) end),
    p("keys", fun() -> maps:keys(M) end),
    p("values", fun() -> maps:values(M) end),
    p("int vs float key", fun() -> {maps:get(1, M), maps:get(1.0, M), maps:find(2.0, #{2 => x})} end),
    p("from_list dup", fun() -> maps:from_list([{k, 1}, {j, 2}, {k, 3}]) end),
    p("from_list empty", fun() -> maps:from_list([]) end),
    p("from_list bad", fun() -> maps:from_list([{a, 1}, b]) end),
    p("from_list notlist", fun() -> maps:from_list(x) end),
    p("get/3", fun() -> [maps:get(a, M, d), maps:get(zz, M, d)] end),
    p("get badkey", fun() -> maps:get(zz, M) end),
    p("get badmap", fun() -> maps:get(a, [a]) end),
    p("get/3 badmap", fun() -> maps:get(a, [a], def) end),
    p("find", fun() -> [maps:find(a, M), maps:find(zz, M)] end),
    p("find badmap", fun() -> maps:find(a, x) end),
    p("update", fun() -> maps:update(a, 100, #{a => 1}) end),
    p("update badkey", fun() -> maps:update(q, 100, #{a => 1}) end),
    p("update badmap", fun() -> maps:update(q, 100, nope) end),
    p("update_with/3", fun() -> maps:update_with(a, fun(V) -> V * 10 end, #{a => 5}) end),
    p("update_with/3 badkey", fun() -> maps:update_with(b, fun(V) -> V * 10 end, #{a => 5}) end),
    p("update_with/4", fun() -> [maps:update_with(b, fun(V) -> V * 10 end, init, #{a => 5}),
                                 maps:update_with(a, fun(V) -> V * 10 end, init, #{a => 5})] end),
    p("update_with badfun", fun() -> maps:update_with(a, notfun, #{a => 5}) end),
    p("put", fun() -> [maps:put(z, 0, #{}), maps:put(a, 0, #{a => 1}), maps:put(1.0, f, #{1 => i})] end),
    p("put badmap", fun() -> maps:put(a, 1, []) end),
    p("remove", fun() -> [maps:remove(a, #{a => 1, b => 2}), maps:remove(q, #{a => 1})] end),
    p("remove badmap", fun() -> maps:remove(a, 1) end),
    p("take", fun() -> [maps:take(a, #{a => 1, b => 2}), maps:take(q, #{a => 1})] end),
    p("take badmap", fun() -> maps:take(a, {}) end),
    p("merge", fun() -> maps:merge(#{a => 1, b => 2}, #{b => 20, c => 30}) end),
    p("merge badmap", fun() -> maps:merge(#{}, [x]) end),
    p("merge_with", fun() -> maps:merge_with(fun(K, V1, V2) -> {K, V1, V2} end, #{a => 1, b => 2}, #{b => 3}) end),
    p("with", fun() -> maps:with([a, zz, b], #{a => 1, b => 2, c => 3}) end),
    p("without", fun() -> maps:without([a, zz], #{a => 1, b => 2}) end),
    p("with bad", fun() -> maps:with(a, #{}) end),
    p("size", fun() -> [maps:size(M), maps:size(#{}), map_size(#{a => b})] end),
    p("size bad", fun() -> maps:size(a) end),
    p("is_key", fun() -> [maps:is_key(a, M), maps:is_key(zz, M), maps:is_key(1.0, #{1 => x})] end),
    p("is_key badmap", fun() -> maps:is_key(a, x) end),
    p("fold order", fun() -> maps:fold(fun(K, V, Acc) -> [{K, V} | Acc] end, [], M) end),
    p("fold sum", fun() -> maps:fold(fun(_, V, Acc) -> V + Acc end, 0, #{a => 1, b => 2, c => 3}) end),
    p("fold badmap", fun() -> maps:fold(fun(_, _, A) -> A end, 0, [1]) end),
    p("map", fun() -> maps:map(fun(K, V) -> {K, V} end, #{x => 1, y => 2}) end),
    p("filter", fun() -> maps:filter(fun(K, _) -> is_atom(K) end, M) end),
    p("filtermap", fun() -> maps:filtermap(fun(K, V) when is_integer(K) -> {true, {V}};
                                              (_, _) -> false end, M) end),
    p("foreach", fun() -> maps:foreach(fun(K, V) -> put(K, V) end, #{pk1 => 1, pk2 => 2}),
                           [get(pk1), get(pk2)] end),
    p("iterator", fun() -> iter_all(maps:next(maps:iterator(#{c => 3, a => 1, b => 2}))) end),
    p("iterator empty", fun() -> maps:next(maps:iterator(#{})) end),
    p("iterator ordered", fun() -> iter_all(maps:next(maps:iterator(#{c => 3, a => 1, b => 2}, ordered))) end),
    p("iterator badmap", fun() -> maps:iterator(x) end),
    p("from_keys", fun() -> maps:from_keys([a, b, a], v) end),
    p("groups_from_list/3", fun() -> maps:groups_from_list(fun(X) -> X rem 2 end, fun(X) -> X * X end, [1, 2, 3, 4, 5]) end),
    p("intersect_with", fun() -> maps:intersect_with(fun(_K, A, B) -> A + B end, #{a => 1, b => 2}, #{b => 10, c => 5}) end),
    p("map update syntax", fun() -> M0 = #{a => 1}, M0#{a := 2, b => 3} end),
    p("map update syntax badkey", fun() -> M0 = #{a => 1}, M0#{b := 2} end),
    p("map update syntax badmap", fun() -> M0 = id(not_a_map), M0#{b => 2} end),
    p("match map", fun() -> #{a := A, b := B} = #{a => 1, b => 2, c => 3}, {A, B} end),
    p("nested", fun() ->
                        N = #{cfg => #{depth => 1, list => [1, 2]}},
                        #{cfg := C} = N,
                        N#{cfg := C#{depth := maps:get(depth, C) + 1}}
                end),
    p("map compare", fun() -> [#{a => 1} < #{a => 2}, #{a => 1} < #{b => 0}, #{z => 1} < #{a => 1, b => 1},
                               #{1 => a} == #{1.0 => a}, #{1 => a} =:= #{1.0 => a}] end),
    p("sort maps", fun() -> lists:sort([#{b => 1}, #{a => 2}, #{a => 1, b => 1}, #{}, #{1 => x}]) end),
    p("big keys order", fun() -> maps:keys(maps:from_list([{X, X} || X <- [10, 3, 7, 1, 9, 2, 8, 4, 6, 5]])) end),
    p("mixed keys order", fun() -> maps:keys(#{<<"b">> => 1, b => 1, {b} => 1, [b] => 1, 2 => 1, 2.5 => 1}) end),
    p("word count", fun() ->
                            Words = string:tokens("the cat and the hat and the bat", " "),
                            maps:to_list(lists:foldl(fun(W, Acc) -> maps:update_with(W, fun(C) -> C + 1 end, 1, Acc) end,
                                                     #{}, Words))
                    end),
    ok.

id(X) -> X.

iter_all(none) -> [];
iter_all({K, V, I}) -> [{K, V} | iter_all(maps:next(I))].
