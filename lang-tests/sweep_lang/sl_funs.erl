-module(sl_funs).
-export([main/0, add/2, apply_twice/2, make_counter/1]).

main() ->
    Add = fun add/2,
    Add3 = fun ?MODULE:add/2,
    Rev = fun lists:reverse/1,
    io:format("~p ~p ~p~n", [Add(1, 2), Add3(10, 20), Rev([1, 2, 3])]),
    io:format("info ~p ~p~n", [erlang:fun_info(Add, arity), erlang:fun_info(Rev, module)]),
    io:format("info name ~p ~p~n", [erlang:fun_info(Rev, name), erlang:fun_info(Add3, type)]),
    N = 5,
    Mul = fun(X) -> X * N end,
    io:format("closure ~p~n", [lists:map(Mul, [1, 2, 3])]),
    Adders = [fun(X) -> X + I end || I <- lists:seq(1, 4)],
    io:format("adders ~p~n", [[A(100) || A <- Adders]]),
    Fact = fun Fac(0) -> 1; Fac(K) when K > 0 -> K * Fac(K - 1) end,
    io:format("named fact ~p~n", [Fact(25)]),
    Fib = fun Fb(0) -> 0; Fb(1) -> 1; Fb(K) -> Fb(K - 1) + Fb(K - 2) end,
    io:format("named fib ~p~n", [[Fib(I) || I <- lists:seq(0, 15)]]),
    Compose = fun(F1, G1) -> fun(X) -> F1(G1(X)) end end,
    Inc = fun(X) -> X + 1 end,
    Dbl = fun(X) -> X * 2 end,
    io:format("compose ~p ~p~n", [(Compose(Inc, Dbl))(5), (Compose(Dbl, Inc))(5)]),
    io:format("twice ~p~n", [apply_twice(fun(X) -> [X, X] end, a)]),
    C = make_counter(10),
    {V1, C1} = C(),
    {V2, C2} = C1(),
    {V3, _} = C2(),
    io:format("counter ~p ~p ~p~n", [V1, V2, V3]),
    Curry = fun(A) -> fun(B) -> fun(Cc) -> A + B * Cc end end end,
    io:format("curry ~p~n", [((Curry(1))(2))(3)]),
    io:format("apply ~p ~p ~p~n", [apply(fun add/2, [3, 4]), apply(lists, max, [[3, 9, 2]]),
                                   apply(?MODULE, add, [5, 6])]),
    io:format("erlang:apply ~p~n", [erlang:apply(fun(X, Y) -> {Y, X} end, [1, 2])]),
    Fold = lists:foldl(fun(X, {Sum, Prod}) -> {Sum + X, Prod * X} end, {0, 1}, lists:seq(1, 10)),
    io:format("fold ~p~n", [Fold]),
    Shadow = 1,
    G = fun(Shadow2) -> Shadow2 + Shadow end,
    io:format("shadow ~p~n", [G(10)]),
    Multi = fun({a, X}) -> {got_a, X};
               ({b, X}) when X > 0 -> {pos_b, X};
               (_) -> other
            end,
    io:format("multi ~p~n", [[Multi(T) || T <- [{a, 1}, {b, 2}, {b, -2}, c]]]),
    Zero = fun() -> zero end,
    io:format("zero ~p~n", [Zero()]),
    io:format("sort ~p~n", [lists:sort(fun(A, B) -> A >= B end, [3, 1, 4, 1, 5, 9, 2, 6])]),
    io:format("filtermap ~p~n", [lists:filtermap(fun(X) when X rem 2 =:= 0 -> {true, X * X};
                                                     (_) -> false end, lists:seq(1, 10))]),
    io:format("is_function ~p ~p ~p~n", [is_function(Mul), is_function(Mul, 1), is_function(Mul, 2)]),
    io:format("equal funs ~p ~p~n", [fun add/2 =:= fun add/2, fun lists:reverse/1 == Rev]),
    Env = fun() -> {N, Shadow} end,
    io:format("env ~p~n", [Env()]),
    Y = fun(Fn) -> (fun(X) -> Fn(fun(V) -> (X(X))(V) end) end)(fun(X) -> Fn(fun(V) -> (X(X))(V) end) end) end,
    FactY = Y(fun(Self) -> fun(0) -> 1; (K) -> K * Self(K - 1) end end),
    io:format("Y fact ~p~n", [FactY(10)]),
    Loop = fun Lp(0, Acc) -> Acc; Lp(K, Acc) -> Lp(K - 1, Acc + K) end,
    io:format("named loop ~p~n", [Loop(100000, 0)]),
    Nested = fun Outer(X) -> Inner = fun Outer(Z) -> Z * 100 end, Inner(X) + 1 end,
    io:format("nested named ~p~n", [Nested(3)]),
    io:format("map keys ~p~n", [maps:map(fun(K, V) -> {K, V * N} end, #{a => 1, b => 2})]),
    ok.

add(A, B) -> A + B.

apply_twice(F, X) -> F(F(X)).

make_counter(Start) ->
    fun() -> {Start, make_counter(Start + 1)} end.
