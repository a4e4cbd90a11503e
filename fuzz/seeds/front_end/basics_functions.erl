-module(basics_functions).
-export([main/0, sum/1]).

%% Multiple clauses, arity overloading and local calls.
len([]) -> 0;
len([_ | T]) -> 1 + len(T).

sum(L) -> sum(L, 0).
sum([], Acc) -> Acc;
sum([H | T], Acc) -> sum(T, Acc + H).

classify(0) -> zero;
classify(N) when N < 0 -> negative;
classify(N) when N rem 2 =:= 0 -> even;
classify(_) -> odd.

swap({A, B}) -> {B, A}.

main() ->
    io:format("~p~n", [len([a, b, c, d])]),
    io:format("~p~n", [sum([1, 2, 3, 4, 5])]),
    io:format("~p~n", [[classify(X) || X <- [-3, 0, 1, 2, 7, 10]]]),
    io:format("~p~n", [swap({left, right})]),
    io:format("~p~n", [?MODULE:sum([10, 20])]).
