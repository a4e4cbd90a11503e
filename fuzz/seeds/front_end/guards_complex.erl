-module(guards_complex).
-export([main/0]).

f(X) when X > 0, X < 10 -> small_pos;
f(X) when X < 0; X > 100 -> out;
f(X) when is_integer(X) andalso X rem 2 =:= 0 -> even;
f(X) when not is_integer(X) -> not_int;
f(_) -> other.

g(X) when element(1, X) =:= ok -> ok_tuple;
g(X) when length(X) > 2 -> long_list;
g(X) when map_size(X) > 0 -> nonempty_map;
g(_) -> fallback.

h(X) when abs(X) > 5, X * 2 < 100, hd([X]) == X -> yes;
h(_) -> no.

i(B) when byte_size(B) == 2; bit_size(B) > 100 -> sized;
i(_) -> unsized.

main() ->
    io:format("~p~n", [[f(X) || X <- [5, -1, 200, 50, 51, 3.5, a]]]),
    io:format("~p~n", [[g(X) || X <- [{ok, 1}, [1, 2, 3], #{a => 1}, #{}, [1], atom, {error}]]]),
    io:format("~p~n", [[h(X) || X <- [1, 6, -7, 60, nope]]]),
    io:format("~p~n", [[i(B) || B <- [<<1, 2>>, <<1>>, <<0:101>>, notbin]]]),
    io:format("~p~n", [[j(X) || X <- [1, 2, 3, 4]]]).

j(X) when X =:= 1 orelse X =:= 3 -> odd_small;
j(X) when (X band 1) == 0, X >= 4 -> even_big;
j(_) -> rest.
