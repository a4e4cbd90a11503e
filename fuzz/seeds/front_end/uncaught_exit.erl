-module(uncaught_exit).
-export([main/0]).

main() ->
    io:format("exiting~n"),
    exit(shutdown_now).
