-module(stdlib_lists_sort).
-export([main/0]).

lcg(0, _, Acc) -> Acc;
lcg(N, S, Acc) ->
    S2 = (S * 1103515245 + 12345) rem 2147483648,
    lcg(N - 1, S2, [S2 rem 1000 | Acc]).

main() ->
    L = lcg(5000, 42, []),
    S = lists:sort(L),
    io:format("~p~n", [lists:sublist(S, 10)]),
    io:format("~p~n", [lists:sublist(lists:reverse(S), 5)]),
    io:format("~p~n", [length(lists:usort(L))]),
    io:format("~p~n", [S =:= lists:sort(fun(A, B) -> A =< B end, L)]),
    io:format("~p~n", [lists:sum(L)]),
    io:format("~p~n", [lists:sort([{B, A} || {A, B} <- lists:zip(lists:seq(1, 10), lists:sublist(L, 10))])]).
