-module(ss_is_function2).
-export([main/0]).

t(F) ->
    try F() of
        V -> V
    catch
        C:R -> {caught, C, R}
    end.

main() ->
    Arity = fun(X) -> X end,
    io:format("~p~n", [[t(fun() -> is_function(Arity, -1) end),
                        t(fun() -> is_function(a, b) end),
                        t(fun() -> is_function(abc, 1 bsl 70) end),
                        t(fun() -> is_function(Arity, 1 bsl 70) end),
                        t(fun() -> erlang:is_function(Arity, 1.0) end)]]).
