-module(tail_loop).
-export([main/0]).

%% Ten million tail calls must run in constant stack.
loop(0, Acc) -> Acc;
loop(N, Acc) -> loop(N - 1, Acc + 1).

even(0) -> true;
even(N) -> odd(N - 1).
odd(0) -> false;
odd(N) -> even(N - 1).

main() ->
    io:format("~p~n", [loop(10000000, 0)]),
    io:format("~p~n", [even(1000001)]),
    F = fun G(0) -> done; G(N) -> G(N - 1) end,
    io:format("~p~n", [F(3000000)]).
