-module(ets_match).
-export([main/0]).

%% Match patterns and match specifications on every table type (results sorted unless the
%% table is an ordered_set, whose order OTP defines).

p(Label, X) -> io:format("~s: ~p~n", [Label, X]).

s(L) -> lists:sort(L).

main() ->
    [run(Type) || Type <- [set, ordered_set, bag, duplicate_bag]],
    specs(),
    test_ms(),
    ok.

fill(T) ->
    ets:insert(T, [{N, N rem 3, integer_to_list(N), {pair, N, -N}} || N <- lists:seq(1, 12)]),
    ets:insert(T, [{a, atom, "a", []}, {b, [1, 2, 3], "b", {pair, 0, 0}}]).

run(Type) ->
    io:format("== ~p~n", [Type]),
    T = ets:new(t, [Type]),
    fill(T),
    p("match vars", s(ets:match(T, {'$1', 0, '_', '_'}))),
    p("match two vars", s(ets:match(T, {'$2', 1, '$1', '_'}))),
    p("match nested", s(ets:match(T, {'_', '_', '_', {pair, '$1', '$2'}}))),
    p("match repeated var", s(ets:match(T, {'_', '_', '_', {pair, '$1', '$1'}}))),
    p("match list", ets:match(T, {'_', ['$1' | '$2'], '_', '_'})),
    p("match_object", s(ets:match_object(T, {'_', 2, '_', '_'}))),
    p("match_object key", ets:match_object(T, {5, '_', '_', '_'})),
    p("select all keys", s(ets:select(T, [{{'$1', '_', '_', '_'}, [], ['$1']}]))),
    p("select guard", s(ets:select(T, [{{'$1', '$2', '_', '_'},
                                         [{is_integer, '$1'}, {'>', '$1', 6}, {'=:=', '$2', 0}],
                                         [{{'$1', '$2'}}]}]))),
    p("select $_", s(ets:select(T, [{{'$1', '_', '_', '_'}, [{'<', '$1', 3}], ['$_']}]))),
    p("select $$", s(ets:select(T, [{{'$1', '$2', '_', '_'}, [{'==', '$1', 4}], ['$$']}]))),
    p("select two clauses", s(ets:select(T, [{{'$1', 0, '_', '_'}, [], [{{zero, '$1'}}]},
                                               {{'$1', atom, '_', '_'}, [], [{{atom, '$1'}}]}]))),
    p("select_count", ets:select_count(T, [{{'$1', '_', '_', '_'}, [{is_atom, '$1'}], [true]}])),
    p("select_count not true", ets:select_count(T, [{{'$1', '_', '_', '_'}, [], [yes]}])),
    p("select_reverse", lists:sort(ets:select_reverse(T, [{{'$1', 1, '_', '_'}, [], ['$1']}]))),
    p("chunks", chunks(T, 5)),
    p("match chunks", match_chunks(T, 4)),
    p("select_delete", ets:select_delete(T, [{{'$1', 2, '_', '_'}, [], [true]}])),
    p("size after select_delete", ets:info(T, size)),
    p("match_delete", ets:match_delete(T, {'_', 1, '_', '_'})),
    p("left", s(ets:select(T, [{{'$1', '_', '_', '_'}, [], ['$1']}]))),
    case Type of
        set -> replace(T);
        ordered_set -> replace(T);
        _ -> ok
    end,
    ets:delete(T).

replace(T) ->
    p("select_replace", ets:select_replace(T, [{{'$1', '$2', '$3', '$4'}, [{is_integer, '$1'}],
                                                [{{'$1', {'+', '$2', 100}, '$3', '$4'}}]}])),
    p("after replace", s(ets:match(T, {'$1', '$2', '_', '_'}))).

chunks(T, N) ->
    MS = [{{'$1', '_', '_', '_'}, [], ['$1']}],
    case ets:select(T, MS, N) of
        '$end_of_table' -> [];
        {L, C} -> s(L ++ more(C))
    end.

more(C) ->
    case ets:select(C) of
        '$end_of_table' -> [];
        {L, C2} -> L ++ more(C2)
    end.

match_chunks(T, N) ->
    case ets:match(T, {'$1', 0, '_', '_'}, N) of
        '$end_of_table' -> [];
        {L, C} -> s(L ++ match_more(C))
    end.

match_more(C) ->
    case ets:match(C) of
        '$end_of_table' -> [];
        {L, C2} -> L ++ match_more(C2)
    end.

specs() ->
    io:format("== guards and bodies~n"),
    T = ets:new(g, [ordered_set]),
    ets:insert(T, [{1, 1.5, <<"bin">>, [a, b], #{k => v}}, {2, -3, <<>>, [], #{}},
                   {3, 7, <<1, 2, 3>>, [c], #{k => w}}]),
    Sel = fun(G, B) -> ets:select(T, [{{'$1', '$2', '$3', '$4', '$5'}, G, B}]) end,
    p("arith", Sel([], [{{'$1', {'+', '$1', 1}, {'*', '$1', 2}, {'-', '$1'}, {'div', 7, '$1'},
                         {'rem', 7, '$1'}}}])),
    p("float ops", Sel([{is_float, '$2'}], [{{{'/', '$2', 2}, {trunc, '$2'}, {round, '$2'},
                                               {float, '$1'}, {abs, {'-', '$2'}}}}])),
    p("bits", Sel([], [{{{'band', '$1', 1}, {'bor', '$1', 8}, {'bxor', '$1', 3},
                         {'bsl', '$1', 2}, {'bsr', 8, '$1'}, {'bnot', '$1'}}}])),
    p("types", Sel([], [{{{is_binary, '$3'}, {is_list, '$4'}, {is_map, '$5'},
                          {is_number, '$2'}, {is_atom, '$1'}, {is_tuple, {{'$1'}}}}}])),
    p("sizes", Sel([], [{{{byte_size, '$3'}, {bit_size, '$3'}, {length, '$4'},
                          {map_size, '$5'}, {size, '$3'}, {size, {{a, b}}}}}])),
    p("binary_part", Sel([{'>', {byte_size, '$3'}, 2}], [{{{binary_part, '$3', 1, 2}, {binary_part, '$3', {{3, -2}}}}}])),
    p("hd tl element", Sel([{'=/=', '$4', []}], [{{{hd, '$4'}, {tl, '$4'},
                                                     {element, 2, {{x, '$1'}}}}}])),
    p("maps", Sel([{is_map_key, k, '$5'}], [{map_get, k, '$5'}])),
    p("boolean ops", Sel([{'orelse', {'==', '$1', 1}, {'==', '$1', 3}}],
                         [{{{'and', true, {'>', '$1', 0}}, {'or', false, false},
                            {'xor', true, false}, {'not', {'<', '$1', 2}},
                            {'andalso', true, {'=<', '$1', 1}}}}])),
    p("failing guard skips", Sel([{'>', {hd, '$4'}, 0}], ['$1'])),
    p("const and lists", Sel([{'=:=', '$1', 2}], [[{const, {x, y}}, '$1' | '$2']])),
    p("self", Sel([{'==', '$1', 1}], [{'=:=', {self}, {const, self()}}])),
    p("several guards", Sel([{'>', '$1', 1}, {'<', '$1', 3}], ['$1'])),
    p("several body exprs", Sel([{'==', '$1', 3}], [first, '$1', last])),
    p("equality", Sel([{'==', '$1', 1.0}], ['$1'])),
    p("exact", Sel([{'=:=', '$1', 1.0}], ['$1'])),
    p("bad spec", catch_reason(fun() -> ets:select(T, [{a, b}]) end)),
    p("unbound var", catch_reason(fun() -> ets:select(T, [{{'$1'}, [], ['$2']}]) end)),
    p("not a list", catch_reason(fun() -> ets:select(T, x) end)).

test_ms() ->
    io:format("== test_ms~n"),
    p("match", ets:test_ms({a, 1}, [{{'$1', '$2'}, [], [{{'$2', '$1'}}]}])),
    p("no match", ets:test_ms({a, 1}, [{{'$1', '$2'}, [{'>', '$2', 5}], ['$_']}])),
    p("whole", ets:test_ms({a, 1}, [{'_', [], ['$_']}])),
    p("all vars", ets:test_ms({a, 1, c}, [{{'$3', '$1', '$2'}, [], ['$$']}])).

catch_reason(F) ->
    try F() of
        V -> {ok, V}
    catch
        C:R -> {C, R}
    end.
