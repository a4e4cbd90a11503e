-module(if_basic).
-export([main/0]).

grade(S) ->
    if
        S >= 90 -> a;
        S >= 80 -> b;
        S >= 70 -> c;
        true -> f
    end.

sign(X) ->
    if X > 0 -> 1; X < 0 -> -1; X == 0 -> 0 end.

main() ->
    io:format("~p~n", [[grade(S) || S <- [95, 85, 75, 10]]]),
    io:format("~p~n", [[sign(X) || X <- [10, -3, 0, 0.0]]]),
    X = 5,
    R = if X > 3, X < 10 -> in_range; true -> out end,
    io:format("~p~n", [R]),
    R2 = if is_atom(X); X > 4 -> either; true -> neither end,
    io:format("~p~n", [R2]).
