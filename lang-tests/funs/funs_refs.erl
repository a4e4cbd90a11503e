-module(funs_refs).
-export([main/0, double/1, apply_twice/2]).

double(X) -> 2 * X.
square(X) -> X * X.
apply_twice(F, X) -> F(F(X)).

main() ->
    F1 = fun double/1,
    F2 = fun square/1,
    F3 = fun ?MODULE:double/1,
    F4 = fun lists:reverse/1,
    F5 = fun erlang:'+'/2,
    io:format("~p~n", [[F1(3), F2(3), F3(4), F4([1, 2, 3]), F5(1, 2)]]),
    io:format("~p~n", [apply_twice(fun square/1, 3)]),
    io:format("~p~n", [lists:map(fun double/1, [1, 2, 3])]),
    io:format("~p~n", [apply(?MODULE, double, [21])]),
    io:format("~p~n", [apply(fun square/1, [9])]),
    M = lists, F = seq,
    io:format("~p~n", [M:F(1, 3)]),
    io:format("~p~n", [erlang:apply(lists, max, [[4, 9, 2]])]),
    io:format("~p~n", [F3 =:= fun ?MODULE:double/1]),
    io:format("~p~n", [fun lists:sum/1]).
