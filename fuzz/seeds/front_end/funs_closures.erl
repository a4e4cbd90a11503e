-module(funs_closures).
-export([main/0]).

adder(N) -> fun(X) -> X + N end.

counter(N) -> {fun() -> N end, fun() -> counter(N + 1) end}.

compose(F, G) -> fun(X) -> F(G(X)) end.

main() ->
    Add5 = adder(5),
    io:format("~p~n", [Add5(10)]),
    {Get, Next} = counter(0),
    {Get2, _} = Next(),
    io:format("~p ~p~n", [Get(), Get2()]),
    Inc = fun(X) -> X + 1 end,
    Dbl = fun(X) -> X * 2 end,
    io:format("~p ~p~n", [(compose(Inc, Dbl))(5), (compose(Dbl, Inc))(5)]),
    Fs = [fun(X) -> X * I end || I <- [1, 2, 3]],
    io:format("~p~n", [[F(10) || F <- Fs]]),
    io:format("~p~n", [(fun(A, B) -> A - B end)(10, 3)]),
    io:format("~p~n", [(fun() -> zero_arity end)()]),
    Multi = fun(0) -> zero; (N) when N > 0 -> pos; (_) -> neg end,
    io:format("~p~n", [[Multi(0), Multi(5), Multi(-5)]]),
    io:format("~p~n", [[is_function(Inc), is_function(Inc, 1), is_function(Inc, 2), is_function(x)]]),
    X = 1,
    Shadow = fun(X) -> X end,
    io:format("~p~n", [Shadow(2) + X]).
