-module(uncaught_error).
-export([main/0]).

main() ->
    io:format("before the crash~n"),
    _ = [1, 2, 3],
    error(deliberate),
    io:format("never printed~n").
