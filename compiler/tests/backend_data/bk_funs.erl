-module(bk_funs).
-export([main/0]).

%% Funs, closures, named funs, fun references, comprehensions, tail and body recursion.

adder(N) -> fun(X) -> X + N end.

compose(F, G) -> fun(X) -> F(G(X)) end.

map(_, []) -> [];
map(F, [H | T]) -> [F(H) | map(F, T)].

foldl(_, Acc, []) -> Acc;
foldl(F, Acc, [H | T]) -> foldl(F, F(H, Acc), T).

count(0, Acc) -> Acc;
count(N, Acc) -> count(N - 1, Acc + 1).

depth(0) -> 0;
depth(N) -> 1 + depth(N - 1).

double(X) -> 2 * X.

main() ->
    krarup_io:put_chars("funs: " ++ integer_to_list(42) ++ "\n"),
    Add3 = adder(3),
    Fact = fun F(0) -> 1; F(N) -> N * F(N - 1) end,
    Inc = compose(Add3, fun double/1),
    Ext = fun erlang:abs/1,
    K = 10,
    Nested = fun(X) -> fun(Y) -> X + Y + K end end,
    R1 = [Add3(1), Fact(10), Inc(5), Ext(-4), (Nested(1))(2)],
    R2 = map(fun(X) -> X * X end, [1, 2, 3]),
    R3 = foldl(fun(X, A) -> X + A end, 0, [1, 2, 3, 4]),
    R4 = count(1000000, 0),
    R5 = depth(100000),
    R6 = [{X, Y} || X <- [1, 2, 3], Y <- [a, b], X =/= 2],
    R7 = [X || {X, _} <- [{1, a}, b, {2, c}]],
    R8 = << <<(B + 1)>> || <<B>> <= <<1, 2, 3>> >>,
    R9 = [X || <<1:8, X:8>> <= <<1, 2, 3, 4, 1, 5>>],
    R10 = [X + K || X <- [1, 2], X > 1],
    R11 = (catch [X || X <- foo]),
    R12 = [Z || Z <- [1, 2, 3], Z],
    {R1, R2, R3, R4, R5, R6, R7, R8, R9, R10, element(1, R11), R12}.
