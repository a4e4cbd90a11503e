-module(basics_hello).
-export([main/0]).

main() ->
    io:format("Hello, world!~n").
