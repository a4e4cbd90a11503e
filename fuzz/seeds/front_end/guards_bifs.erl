-module(guards_bifs).
-export([main/0]).

t(X) when tuple_size(X) =:= 2 -> pair;
t(X) when is_tuple(X), size(X) >= 3 -> big;
t(_) -> none.

r(X) when round(X) =:= 3 -> about_three;
r(X) when trunc(X) > 5, float(X) > 5.5 -> large;
r(_) -> other.

m(X) when X div 2 == 3; X rem 5 == 4 -> match;
m(_) -> nomatch.

n(X, Y) when X > 10, Y < 0 -> wide;
n(_, _) -> narrow.

main() ->
    io:format("~p~n", [[t(X) || X <- [{a, b}, {a, b, c}, {a}, [a]]]]),
    io:format("~p~n", [[r(X) || X <- [2.6, 3.4, 5.9, 7, 10]]]),
    io:format("~p~n", [[m(X) || X <- [6, 7, 9, 14, 1]]]),
    io:format("~p~n", [[n(20, -1), n(5, 5)]]),
    io:format("~p~n", [[bad(X) || X <- [0, 1, a]]]).

%% A guard that raises is just false.
bad(X) when 1 / X > 0 -> positive_inverse;
bad(_) -> guard_failed.
