-module(ets_basic).
-export([main/0]).

%% Each key-based call on each table type; output is sorted where set/bag order is the table's own.

p(Label, X) -> io:format("~s: ~p~n", [Label, X]).

main() ->
    [run(Type) || Type <- [set, ordered_set, bag, duplicate_bag]],
    keypos(),
    counters(),
    elements(),
    naming(),
    ok.

run(Type) ->
    io:format("== ~p~n", [Type]),
    T = ets:new(tab, [Type]),
    p("insert", ets:insert(T, {a, 1})),
    p("insert list", ets:insert(T, [{b, 2}, {c, 3}, {a, 1}, {a, 10}])),
    p("lookup a", lists:sort(ets:lookup(T, a))),
    p("lookup z", ets:lookup(T, z)),
    p("member b", ets:member(T, b)),
    p("member z", ets:member(T, z)),
    p("insert_new a", ets:insert_new(T, {a, 99})),
    p("insert_new d", ets:insert_new(T, {d, 4})),
    p("insert_new list clash", ets:insert_new(T, [{e, 5}, {d, 0}])),
    p("lookup e", ets:lookup(T, e)),
    p("size", ets:info(T, size)),
    p("tab2list", lists:sort(ets:tab2list(T))),
    p("lookup_element a 2", lookup_element_sorted(T, a, 2)),
    p("take b", ets:take(T, b)),
    p("take b again", ets:take(T, b)),
    p("delete c", ets:delete(T, c)),
    p("delete missing", ets:delete(T, nope)),
    ets:insert(T, [{f, 1}, {f, 2}, {f, 1}]),
    p("lookup f", lists:sort(ets:lookup(T, f))),
    p("delete_object f 1", ets:delete_object(T, {f, 1})),
    p("lookup f after", lists:sort(ets:lookup(T, f))),
    p("keys", lists:sort(keys(T))),
    p("foldl count", ets:foldl(fun(_, N) -> N + 1 end, 0, T)),
    p("foldr sum", ets:foldr(fun(O, N) -> N + element(2, O) end, 0, T)),
    p("1 and 1.0", both_ones(T)),
    p("delete_all_objects", ets:delete_all_objects(T)),
    p("size after", ets:info(T, size)),
    p("first empty", ets:first(T)),
    p("type", ets:info(T, type)),
    p("keypos", ets:info(T, keypos)),
    p("protection", ets:info(T, protection)),
    p("named", ets:info(T, named_table)),
    p("owner is self", ets:info(T, owner) =:= self()),
    p("heir", ets:info(T, heir)),
    p("delete", ets:delete(T)),
    p("info after delete", ets:info(T)),
    p("info size after delete", ets:info(T, size)).

lookup_element_sorted(T, K, P) ->
    case ets:lookup_element(T, K, P) of
        L when is_list(L) -> lists:sort(L);
        V -> V
    end.

keys(T) -> keys(T, ets:first(T)).
keys(_, '$end_of_table') -> [];
keys(T, K) -> [K | keys(T, ets:next(T, K))].

both_ones(T) ->
    ets:insert(T, {1, int}),
    ets:insert(T, {1.0, float}),
    R = {lists:sort(ets:lookup(T, 1)), lists:sort(ets:lookup(T, 1.0))},
    ets:delete(T, 1),
    ets:delete(T, 1.0),
    R.

keypos() ->
    io:format("== keypos~n"),
    T = ets:new(k, [{keypos, 2}, ordered_set]),
    ets:insert(T, [{rec, b, 2}, {rec, a, 1}]),
    p("lookup a", ets:lookup(T, a)),
    p("tab2list", ets:tab2list(T)),
    p("keypos", ets:info(T, keypos)),
    p("bad object", catch_reason(fun() -> ets:insert(T, {x}) end)).

counters() ->
    io:format("== update_counter~n"),
    T = ets:new(c, [set]),
    ets:insert(T, {k, 0, 100, x}),
    p("incr", ets:update_counter(T, k, 5)),
    p("pos incr", ets:update_counter(T, k, {3, -1})),
    p("threshold up", ets:update_counter(T, k, {2, 10, 12, 0})),
    p("threshold down", ets:update_counter(T, k, {3, -200, 0, 7})),
    p("list", ets:update_counter(T, k, [{2, 1}, {3, 1}, {2, 1}])),
    p("object", ets:lookup(T, k)),
    p("default", ets:update_counter(T, new, 3, {ignored, 10})),
    p("default list", ets:update_counter(T, new2, [{2, 1}, {3, 2}], {x, 0, 0})),
    p("objects", lists:sort(ets:tab2list(T))),
    p("bignum", ets:update_counter(T, k, 1 bsl 70)),
    p("badkey", catch_reason(fun() -> ets:update_counter(T, missing, 1) end)),
    p("not integer", catch_reason(fun() -> ets:update_counter(T, k, {4, 1}) end)),
    O = ets:new(oc, [ordered_set]),
    p("ordered default", ets:update_counter(O, 1, {2, 1}, {0, 0})),
    p("ordered 1.0", ets:update_counter(O, 1.0, {2, 1})),
    p("ordered objects", ets:tab2list(O)).

elements() ->
    io:format("== update_element~n"),
    T = ets:new(e, [ordered_set]),
    ets:insert(T, {k, a, b, c}),
    p("one", ets:update_element(T, k, {2, x})),
    p("many", ets:update_element(T, k, [{3, y}, {4, z}, {3, w}])),
    p("missing", ets:update_element(T, nope, {2, x})),
    p("object", ets:lookup(T, k)),
    p("out of range", catch_reason(fun() -> ets:update_element(T, k, {9, x}) end)),
    p("lookup_element", ets:lookup_element(T, k, 3)),
    p("lookup_element missing", catch_reason(fun() -> ets:lookup_element(T, nope, 2) end)).

naming() ->
    io:format("== names~n"),
    T = ets:new(my_table, [named_table, public]),
    p("new returns name", T),
    p("named", ets:info(my_table, named_table)),
    p("name", ets:info(my_table, name)),
    p("whereis is ref", is_reference(ets:whereis(my_table))),
    p("whereis missing", ets:whereis(nobody)),
    p("in all", lists:member(my_table, ets:all())),
    p("duplicate name", catch_reason(fun() -> ets:new(my_table, [named_table]) end)),
    ets:insert(my_table, {x, 1}),
    p("rename", ets:rename(my_table, other_name)),
    p("old name gone", ets:info(my_table)),
    p("lookup new name", ets:lookup(other_name, x)),
    U = ets:new(unnamed, []),
    p("unnamed in all", lists:member(U, ets:all())),
    p("unnamed name", ets:info(U, name)),
    p("rename unnamed", is_reference(ets:rename(U, foo))),
    p("renamed unnamed name", ets:info(U, name)),
    p("same name twice unnamed", is_reference(ets:new(unnamed, []))),
    p("delete named", ets:delete(other_name)),
    p("whereis after delete", ets:whereis(other_name)).

catch_reason(F) ->
    try F() of
        V -> {ok, V}
    catch
        C:R -> {C, R}
    end.
