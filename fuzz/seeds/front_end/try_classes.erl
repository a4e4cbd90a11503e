-module(try_classes).
-export([main/0]).

run(F) ->
    try F() of
        V -> {value, V}
    catch
        throw:T -> {thrown, T};
        error:E -> {error, E};
        exit:X -> {exited, X}
    end.

main() ->
    io:format("~p~n", [run(fun() -> 42 end)]),
    io:format("~p~n", [run(fun() -> throw(ball) end)]),
    io:format("~p~n", [run(fun() -> error(oops) end)]),
    io:format("~p~n", [run(fun() -> exit(bye) end)]),
    io:format("~p~n", [run(fun() -> erlang:raise(throw, raised, []) end)]),
    io:format("~p~n", [run(fun() -> error({complex, [1, 2]}) end)]),
    R = try throw(x) catch X -> {default_class_is_throw, X} end,
    io:format("~p~n", [R]),
    R2 = try error(y) catch _:Y -> {any, Y} end,
    io:format("~p~n", [R2]),
    R3 = try exit(z) catch Class:Z -> {Class, Z} end,
    io:format("~p~n", [R3]).
