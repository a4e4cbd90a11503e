-module(funs_named).
-export([main/0]).

main() ->
    Fact = fun F(0) -> 1; F(N) -> N * F(N - 1) end,
    io:format("~p~n", [Fact(10)]),
    Fib = fun Fib(N) when N < 2 -> N; Fib(N) -> Fib(N - 1) + Fib(N - 2) end,
    io:format("~p~n", [[Fib(I) || I <- lists:seq(0, 15)]]),
    Loop = fun L(0, Acc) -> Acc; L(N, Acc) -> L(N - 1, [N | Acc]) end,
    io:format("~p~n", [Loop(5, [])]),
    Count = fun C(N) when N >= 1000000 -> N; C(N) -> C(N + 1) end,
    io:format("~p~n", [Count(0)]).
