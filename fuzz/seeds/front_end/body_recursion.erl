-module(body_recursion).
-export([main/0]).

%% One million deep non-tail recursion: the stack must grow on the heap.
sum(0) -> 0;
sum(N) -> N + sum(N - 1).

build(0) -> [];
build(N) -> [N | build(N - 1)].

main() ->
    io:format("~p~n", [sum(1000000)]),
    L = build(1000000),
    io:format("~p~n", [length(L)]),
    io:format("~p~n", [lists:sum(lists:map(fun(X) -> X rem 7 end, L))]),
    io:format("~p~n", [length(lists:seq(1, 2000000))]).
