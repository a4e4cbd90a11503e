-module(bignum_fact).
-export([main/0]).

fact(0) -> 1;
fact(N) -> N * fact(N - 1).

main() ->
    io:format("~p~n", [fact(20)]),
    io:format("~p~n", [fact(25)]),
    io:format("~p~n", [fact(100)]),
    F = fact(500),
    io:format("~p~n", [length(integer_to_list(F))]),
    io:format("~p~n", [F rem 1000000007]),
    io:format("~p~n", [fact(30) div fact(28)]).
