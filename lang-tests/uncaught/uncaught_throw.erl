-module(uncaught_throw).
-export([main/0]).

main() ->
    io:format("throwing~n"),
    throw(up).
