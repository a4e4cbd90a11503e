-module(funs_env).
-export([main/0]).

make(A, B, C, D, E) ->
    fun(X) -> {X, A + B, [C, D], E} end.

curry(F) -> fun(A) -> fun(B) -> F(A, B) end end.

main() ->
    F = make(1, 2, three, "four", #{five => 5}),
    io:format("~p~n", [F(zero)]),
    Add = curry(fun(A, B) -> A + B end),
    io:format("~p~n", [(Add(3))(4)]),
    Acc = lists:foldl(fun(I, Fs) -> [fun() -> I * 100 end | Fs] end, [], [1, 2, 3]),
    io:format("~p~n", [[G() || G <- Acc]]),
    Y = fun(Fn) -> (fun(X) -> Fn(fun(V) -> (X(X))(V) end) end)(fun(X) -> Fn(fun(V) -> (X(X))(V) end) end) end,
    Fact = Y(fun(Self) -> fun(0) -> 1; (N) -> N * Self(N - 1) end end),
    io:format("~p~n", [Fact(20)]),
    Big = lists:seq(1, 1000),
    Sum = fun() -> lists:sum(Big) end,
    io:format("~p~n", [Sum()]).
