-module(errors_badmatch).
-export([main/0]).

id(X) -> X.

t(F) -> try F() catch error:R -> R end.

main() ->
    io:format("~p~n", [t(fun() -> 1 = id(2) end)]),
    io:format("~p~n", [t(fun() -> [_] = id([1, 2]) end)]),
    io:format("~p~n", [t(fun() -> {ok, _} = id({error, enoent}) end)]),
    io:format("~p~n", [t(fun() -> <<_:8>> = id(<<1, 2>>) end)]),
    io:format("~p~n", [t(fun() -> #{k := _} = id(#{j => 1}) end)]),
    io:format("~p~n", [t(fun() -> "abc" ++ _ = id("abd") end)]),
    X = id(5),
    io:format("~p~n", [t(fun() -> X = id(6) end)]),
    io:format("~p~n", [t(fun() -> {X, X} = id({5, 6}) end)]).
