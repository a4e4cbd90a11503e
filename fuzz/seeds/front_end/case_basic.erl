-module(case_basic).
-export([main/0]).

describe(X) ->
    case X of
        0 -> zero;
        N when is_integer(N), N > 0 -> positive;
        N when is_integer(N) -> negative;
        {A, B} -> {pair, A, B};
        [_ | _] = L -> {list, length(L)};
        [] -> empty;
        _ -> unknown
    end.

main() ->
    io:format("~p~n", [[describe(X) || X <- [0, 5, -5, {1, 2}, [a, b], [], atom]]]),
    R = case {1, 2} of
            {X, X} -> same;
            {X, Y} when X < Y -> ascending;
            _ -> other
        end,
    io:format("~p~n", [R]),
    V = case lists:member(3, [1, 2, 3]) of true -> yes; false -> no end,
    io:format("~p~n", [V]),
    Nested = case a of
                 a -> case b of b -> inner_b; _ -> inner_other end;
                 _ -> outer_other
             end,
    io:format("~p~n", [Nested]).
