-module(misc_proplists).
-export([main/0]).

main() ->
    P = [{a, 1}, b, {c, 3}, {a, 10}],
    io:format("~p~n", [[proplists:get_value(a, P), proplists:get_value(b, P), proplists:get_value(z, P)]]),
    io:format("~p~n", [[proplists:get_value(z, P, def), proplists:get_bool(b, P), proplists:get_bool(c, P)]]),
    io:format("~p~n", [[proplists:get_all_values(a, P), proplists:is_defined(c, P), proplists:lookup(c, P)]]),
    io:format("~p~n", [[proplists:delete(a, P), proplists:get_keys(P)]]),
    io:format("~p~n", [proplists:lookup_all(a, P)]),
    io:format("~p~n", [proplists:compact([{x, true}, {y, 1}])]),
    io:format("~p~n", [proplists:unfold([x, {y, 1}])]),
    io:format("~p~n", [proplists:to_map([{a, 1}, b])]),
    io:format("~p~n", [proplists:from_map(#{k => v})]).
