-module(try_catch_expr).
-export([main/0]).

main() ->
    io:format("~p~n", [catch 1 + 1]),
    io:format("~p~n", [catch throw(thrown_value)]),
    io:format("~p~n", [catch exit(exit_reason)]),
    {'EXIT', {Reason, Stack}} = (catch error(some_error)),
    io:format("~p ~p~n", [Reason, is_list(Stack)]),
    {'EXIT', {badarith, _}} = (catch 1 / zero()),
    io:format("badarith caught~n"),
    X = (catch 5),
    io:format("~p~n", [X]),
    io:format("~p~n", [[catch throw(I) || I <- [1, 2]]]).

zero() -> 0.
