-module(guards_types).
-export([main/0]).

kind(X) when is_integer(X) -> integer;
kind(X) when is_float(X) -> float;
kind(X) when is_atom(X) -> atom;
kind(X) when is_binary(X) -> binary;
kind(X) when is_bitstring(X) -> bitstring;
kind(X) when is_list(X) -> list;
kind(X) when is_tuple(X) -> tuple;
kind(X) when is_map(X) -> map;
kind(X) when is_function(X) -> function;
kind(_) -> other.

main() ->
    Vals = [1, 1.0, a, <<1>>, <<1:1>>, [1], {1}, #{}, fun() -> ok end, self()],
    io:format("~p~n", [[kind(V) || V <- Vals]]).
