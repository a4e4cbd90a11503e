-module(bk_match).
-export([main/0]).

%% Pattern matching, guards, case/if, variable export, string and alias patterns.

classify(0) -> zero;
classify(N) when is_integer(N), N < 0 -> negative;
classify(N) when is_integer(N) -> positive;
classify(F) when is_float(F); is_atom(F) -> other;
classify({A, B}) when A =:= B -> same_pair;
classify({_, _}) -> pair;
classify([H | _]) when H > 10 -> big_head;
classify([_ | T]) -> {tail, T};
classify([]) -> empty;
classify(<<>>) -> empty_bin;
classify(_) -> unknown.

zip([X | Xs], [Y | Ys]) -> [{X, Y} | zip(Xs, Ys)];
zip(_, _) -> [].

same(X, X) -> true;
same(_, _) -> false.

prefix("abc" ++ Rest) -> {abc, Rest};
prefix([$x | Rest]) -> {x, Rest};
prefix(Other) -> {none, Other}.

exported(X) ->
    case X of
        {ok, V} -> Y = V, Z = 1;
        _ -> Y = none, Z = 2
    end,
    {Y, Z}.

iffy(X) ->
    if
        X > 10 -> big;
        X > 5, X < 8 -> middle;
        true -> small
    end.

aliased({point, _, _} = P) -> P;
aliased(_) -> nope.

nested(X) ->
    R = case X of
            {a, {b, C}} when C > 1 -> {deep, C};
            {a, B} -> {shallow, B};
            [{k, V} | _] -> {list, V};
            _ -> other
        end,
    R.

orelse_andalso(X) ->
    {X > 1 andalso X < 5, X < 1 orelse X > 5, is_atom(X) orelse X}.

main() ->
    A = [classify(T) || T <- [0, -3, 7, 1.5, foo, {1, 1}, {1, 2}, [11], [1, 2], [], <<>>, <<1>>]],
    B = zip([1, 2, 3], [a, b]),
    C = {same(1, 1), same(1, 1.0), same({a}, {a})},
    D = [prefix(S) || S <- ["abcdef", "xyz", "q"]],
    E = {exported({ok, 5}), exported(error)},
    F = [iffy(N) || N <- [11, 6, 1, 9]],
    G = {aliased({point, 1, 2}), aliased(3)},
    H = [nested(T) || T <- [{a, {b, 2}}, {a, {b, 0}}, {a, x}, [{k, 9}], z]],
    I = [orelse_andalso(N) || N <- [0, 3, 9]],
    [A, B, C, D, E, F, G, H, I].
