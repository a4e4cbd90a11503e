-module(lc_basic).
-export([main/0]).

main() ->
    io:format("~p~n", [[X * 2 || X <- [1, 2, 3]]]),
    io:format("~p~n", [[X || X <- lists:seq(1, 20), X rem 3 =:= 0]]),
    io:format("~p~n", [[{X, Y} || X <- [1, 2, 3], Y <- [a, b]]]),
    io:format("~p~n", [[{X, Y} || X <- lists:seq(1, 5), Y <- lists:seq(X, 5), X + Y =:= 6]]),
    io:format("~p~n", [[X || {ok, X} <- [{ok, 1}, error, {ok, 2}, {other, 3}]]]),
    io:format("~p~n", [[X || X <- [1, a, 2.0, "s", b], is_atom(X)]]),
    io:format("~p~n", [[{A, B, C} || C <- lists:seq(1, 30), B <- lists:seq(1, C), A <- lists:seq(1, B), A * A + B * B =:= C * C]]),
    io:format("~p~n", [[X || X <- []]]),
    io:format("~p~n", [[ok || true]]),
    io:format("~p~n", [[ok || false]]),
    io:format("~p~n", [[[Y || Y <- lists:seq(1, X)] || X <- lists:seq(1, 4)]]),
    N = 3,
    io:format("~p~n", [[X + N || X <- [10, 20]]]).
