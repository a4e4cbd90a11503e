-module(errors_stdlib).
-export([main/0]).

t(F) ->
    try F() of V -> {ok, V} catch C:R -> {C, R} end.

main() ->
    io:format("~p~n", [t(fun() -> lists:nth(5, [a]) end)]),
    io:format("~p~n", [t(fun() -> lists:last([]) end)]),
    io:format("~p~n", [t(fun() -> lists:max([]) end)]),
    io:format("~p~n", [t(fun() -> maps:get(k, not_a_map) end)]),
    io:format("~p~n", [t(fun() -> maps:put(k, v, [x]) end)]),
    io:format("~p~n", [t(fun() -> list_to_atom([-1]) end)]),
    io:format("~p~n", [t(fun() -> binary_to_list(atom) end)]),
    io:format("~p~n", [t(fun() -> lists:seq(5, 1) end)]),
    io:format("~p~n", [t(fun() -> lists:sum([1, a]) end)]),
    io:format("~p~n", [t(fun() -> proplists:get_value(k, [{k, 1}]) end)]),
    io:format("~p~n", [t(fun() -> string:to_integer(not_string) end)]),
    io:format("~p~n", [t(fun() -> list_to_float("1") end)]),
    io:format("~p~n", [t(fun() -> binary_to_term(<<1, 2, 3>>) end)]),
    io:format("~p~n", [t(fun() -> element(1, {}) end)]),
    io:format("~p~n", [t(fun() -> atom_to_binary("notatom") end)]).
