%% Benchmark: naive doubly-recursive Fibonacci, fib(30) (about 1.6 million calls).
%% Self-checking: crashes with {wrong_result, ...} if the answer is not 832040.
-module(fib).
-export([main/0]).

fib(N) when N < 2 -> N;
fib(N) -> fib(N - 1) + fib(N - 2).

main() ->
    R = fib(30),
    R =:= 832040 orelse error({wrong_result, R}),
    io:format("fib(30) = ~p~n", [R]).
