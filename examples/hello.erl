%% The first program: `krarup run examples/hello.erl`.
-module(hello).
-export([main/0]).

main() ->
    io:format("Hello, world!~n").
