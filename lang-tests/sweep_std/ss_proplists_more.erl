-module(ss_proplists_more).
-export([main/0]).

t(F) ->
    try F() of
        V -> V
    catch
        C:R -> {caught, C, R}
    end.

main() ->
    Keys = [z, y, x, {w, 1}, v, u, t, s, r, q, p, o, n, m, l, k, j, i, h, g, f, e, d, c, b, a],
    io:format("~p~n", [proplists:get_keys(Keys)]),
    io:format("~p~n", [proplists:get_keys([{1, a}, {"s", b}, {2.0, c}, x, {x, y}])]),
    Opts = [{mode, fast}, debug, {mode, slow}, {level, 2}, {tag}, nodebug, {paths, ["a", "b"]}],
    io:format("~p~n", [proplists:normalize(Opts, [{aliases, [{nodebug, quiet}]},
                                                  {negations, [{quiet, debug}]},
                                                  {expand, [{{level, 2}, [{level, 2}, verbose]}]}])]),
    io:format("~p~n", [proplists:expand([{debug, [{log, all}, trace]}], Opts)]),
    io:format("~p~n", [proplists:split(Opts, [mode, debug, paths])]),
    io:format("~p~n", [proplists:lookup_all(mode, Opts)]),
    io:format("~p~n", [proplists:to_map(Opts)]),
    io:format("~p~n", [proplists:to_map(Opts, [{aliases, [{debug, dbg}]}])]),
    io:format("~p~n", [lists:sort(proplists:from_map(#{a => 1, b => [2]}))]),
    io:format("~p~n", [proplists:compact([{a, true}, {b, false}, c, {d, true, x}])]),
    io:format("~p~n", [proplists:delete(mode, Opts)]),
    io:format("~p~n", [[proplists:get_value(K, Opts, none) || K <- [mode, debug, tag, paths, nope]]]),
    io:format("~p~n", [[t(fun() -> proplists:get_bool(K, [{K, maybe}]) end) || K <- [a]]]),
    io:format("~p~n", [proplists:substitute_aliases([{colour, color}], [colour, {colour, red}, {colour}])]),
    io:format("~p~n", [proplists:substitute_negations([{no_x, x}], [no_x, {no_x, true}, {no_x, false}, {no_x, 3}])]),
    io:format("~p~n", [proplists:append_values(paths, Opts)]),
    D = lists:foldl(fun({K, V}, Acc) -> orddict:append(K, V, Acc) end, orddict:new(),
                    [{b, 1}, {a, 2}, {b, 3}, {c, 4}, {a, 5}]),
    io:format("~p~n", [D]),
    io:format("~p~n", [orddict:merge(fun(_, X, Y) -> X ++ Y end, D, [{a, [0]}, {d, [9]}])]),
    io:format("~p~n", [orddict:fold(fun(K, V, Acc) -> [{K, length(V)} | Acc] end, [], D)]),
    io:format("~p~n", [orddict:filter(fun(K, _) -> K =/= b end, D)]),
    io:format("~p~n", [t(fun() -> orddict:fetch(zz, D) end)]),
    io:format("~p~n", [t(fun() -> orddict:update(zz, fun(X) -> X end, D) end)]),
    io:format("~p~n", [t(fun() -> orddict:update_counter(a, 1, D) end)]),
    io:format("~p~n", [orddict:store(1, one, orddict:store(1.0, onef, orddict:new()))]),
    io:format("~p~n", [orddict:find(1.0, orddict:from_list([{1, int}]))]),
    io:format("~p~n", [orddict:erase(1.0, orddict:from_list([{1, int}, {2, two}]))]),
    ok.
