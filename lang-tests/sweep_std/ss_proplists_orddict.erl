-module(ss_proplists_orddict).
-export([main/0]).

t(F) ->
    try F() of
        V -> V
    catch
        C:R -> {caught, C, R}
    end.

p(Label, F) -> io:format("~s: ~p~n", [Label, t(F)]).

main() ->
    P = [{name, "x"}, verbose, {level, 3}, {name, "y"}, {debug, false}, "junk", {tag, a, b}],
    p("get_value", fun() -> [proplists:get_value(name, P), proplists:get_value(verbose, P),
                             proplists:get_value(missing, P), proplists:get_value(missing, P, dflt),
                             proplists:get_value(tag, P)] end),
    p("get_all_values", fun() -> proplists:get_all_values(name, P) end),
    p("lookup", fun() -> [proplists:lookup(name, P), proplists:lookup(verbose, P),
                          proplists:lookup(nope, P), proplists:lookup(tag, P)] end),
    p("lookup_all", fun() -> proplists:lookup_all(name, P) end),
    p("is_defined", fun() -> [proplists:is_defined(verbose, P), proplists:is_defined(junk, P)] end),
    p("get_bool", fun() -> [proplists:get_bool(verbose, P), proplists:get_bool(debug, P),
                            proplists:get_bool(level, P), proplists:get_bool(x, P)] end),
    p("get_keys", fun() -> lists:sort(proplists:get_keys(P)) end),
    p("delete", fun() -> proplists:delete(name, P) end),
    p("append_values", fun() -> proplists:append_values(k, [{k, [1, 2]}, {k, 3}, k, {j, 0}]) end),
    p("compact", fun() -> proplists:compact([{a, true}, {b, 1}, c]) end),
    p("unfold", fun() -> proplists:unfold([a, {b, 1}, "s"]) end),
    p("property", fun() -> [proplists:property({a, true}), proplists:property(b, 2), proplists:property({c, x})] end),
    p("substitute_aliases", fun() -> proplists:substitute_aliases([{v, verbose}], [v, {v, 2}, w]) end),
    p("substitute_negations", fun() -> proplists:substitute_negations([{no_debug, debug}], [no_debug, {no_debug, false}, x]) end),
    p("expand", fun() -> proplists:expand([{foo, [bar, baz]}], [fie, foo, fum]) end),
    p("normalize", fun() -> proplists:normalize([a, {b, true}, {c, 1}], [{aliases, [{a, alpha}]}]) end),
    p("split", fun() -> proplists:split([{c, 2}, {e, 1}, a, {c, 3, 4}, d, {b, 5}, b], [a, b, c]) end),
    p("to_map", fun() -> proplists:to_map([{a, 1}, b, {c, 3}, {a, 2}]) end),
    p("from_map", fun() -> proplists:from_map(#{x => 1, y => 2}) end),
    p("get_value bad", fun() -> proplists:get_value(a, notalist) end),

    D0 = orddict:new(),
    D1 = orddict:store(m, 1, D0),
    D2 = orddict:store(c, 2, D1),
    D3 = orddict:store(x, 3, D2),
    D4 = orddict:store(c, 20, D3),
    p("orddict store", fun() -> D4 end),
    p("orddict from_list", fun() -> orddict:from_list([{z, 1}, {a, 2}, {z, 3}, {m, 0}]) end),
    p("orddict fetch", fun() -> orddict:fetch(c, D4) end),
    p("orddict fetch missing", fun() -> orddict:fetch(q, D4) end),
    p("orddict find", fun() -> [orddict:find(x, D4), orddict:find(q, D4)] end),
    p("orddict is_key", fun() -> [orddict:is_key(m, D4), orddict:is_key(n, D4)] end),
    p("orddict erase", fun() -> [orddict:erase(m, D4), orddict:erase(q, D4)] end),
    p("orddict fetch_keys", fun() -> orddict:fetch_keys(D4) end),
    p("orddict size", fun() -> [orddict:size(D4), orddict:is_empty(D0), orddict:is_empty(D4)] end),
    p("orddict append", fun() -> orddict:append(l, 1, orddict:append(l, 0, D0)) end),
    p("orddict append_list", fun() -> orddict:append_list(l, [2, 3], [{l, [1]}]) end),
    p("orddict update", fun() -> orddict:update(c, fun(V) -> V + 1 end, D4) end),
    p("orddict update missing", fun() -> orddict:update(q, fun(V) -> V + 1 end, D4) end),
    p("orddict update/4", fun() -> orddict:update(q, fun(V) -> V + 1 end, 99, D4) end),
    p("orddict update_counter", fun() -> orddict:update_counter(c, 5, orddict:update_counter(n, 1, D4)) end),
    p("orddict map", fun() -> orddict:map(fun(K, V) -> {K, V} end, D4) end),
    p("orddict filter", fun() -> orddict:filter(fun(_, V) -> V > 2 end, D4) end),
    p("orddict fold", fun() -> orddict:fold(fun(K, V, A) -> [{V, K} | A] end, [], D4) end),
    p("orddict merge", fun() -> orddict:merge(fun(_, A, B) -> A * B end, D4, orddict:from_list([{c, 3}, {d, 4}])) end),
    p("orddict to_list", fun() -> orddict:to_list(D4) end),
    p("orddict take", fun() -> [orddict:take(c, D4), orddict:take(q, D4)] end),
    p("orddict int/float keys", fun() -> orddict:store(1.0, f, orddict:store(1, i, [])) end),
    ok.
