-module(uncaught_function_clause).
-export([main/0]).

f(1) -> one.

main() ->
    io:format("~p~n", [f(1)]),
    io:format("~p~n", [f(list_to_integer("2"))]).
