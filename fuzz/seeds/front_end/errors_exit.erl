-module(errors_exit).
-export([main/0]).

main() ->
    io:format("~p~n", [catch exit(reason)]),
    io:format("~p~n", [catch exit({shutdown, why})]),
    io:format("~p~n", [try exit(normal) catch exit:R -> {exit, R} end]),
    io:format("~p~n", [catch throw({a, b})]),
    io:format("~p~n", [element(1, catch error(e))]).
