-module(errors_reasons).
-export([main/0, one/1]).

-record(r, {a}).

reason(F) ->
    try F() of
        V -> {no_error, V}
    catch
        C:R -> {C, R}
    end.

one(X) when is_integer(X) -> X.

id(X) -> X.

main() ->
    Cases = [
        fun() -> 1 + id(a) end,
        fun() -> 1 div id(0) end,
        fun() -> 1 rem id(0) end,
        fun() -> 1.0 / id(0) end,
        fun() -> {a, b} = id({a, c}) end,
        fun() -> one(id(x)) end,
        fun() -> case id(3) of 1 -> one end end,
        fun() -> B = id(false), if B -> ok end end,
        fun() -> missing_mod:fn() end,
        fun() -> lists:no_such_function(1) end,
        fun() -> atom_to_list(id(123)) end,
        fun() -> list_to_integer("12x") end,
        fun() -> (id(42))() end,
        fun() -> maps:get(missing, #{}) end,
        fun() -> (id(#{a => 1}))#{b := 2} end,
        fun() -> element(5, {a}) end,
        fun() -> hd(id([])) end,
        fun() -> tl(id(a)) end,
        fun() -> length(id([a | b])) end,
        fun() -> abs(id(foo)) end,
        fun() -> (id(a))#r.a end,
        fun() -> binary_to_atom(id(1)) end,
        fun() -> <<(id(a)):8>> end,
        fun() -> id(a) > 1 andalso ok end,
        fun() -> try id(a) of b -> b catch _ -> c end end,
        fun() -> throw(thrown) end,
        fun() -> exit(normal) end,
        fun() -> error(custom, [arg]) end,
        fun() -> integer_to_list(id(1.5)) end,
        fun() -> list_to_atom(id(x)) end,
        fun() -> erlang:error(badarg) end,
        fun() -> 1 bsl id(a) end,
        fun() -> - id(a) end,
        fun() -> not id(3) end,
        fun() -> 3 and id(true) end,
        fun() -> lists:nth(0, [a]) end,
        fun() -> float(id(x)) end,
        fun() -> setelement(0, {}, x) end,
        fun() -> tuple_size(id([])) end
    ],
    lists:foreach(fun(F) -> io:format("~p~n", [reason(F)]) end, Cases).
