%% Benchmark: start-up cost. Prints one line; the time is almost all VM start-up and module loading.
-module(hello).
-export([main/0]).

main() ->
    io:format("Hello, world!~n").
