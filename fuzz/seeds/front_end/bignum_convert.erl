-module(bignum_convert).
-export([main/0]).

main() ->
    N = 1 bsl 200 + 12345,
    io:format("~p~n", [N]),
    io:format("~s~n", [integer_to_list(N, 36)]),
    io:format("~p~n", [list_to_integer(integer_to_list(N, 7), 7) =:= N]),
    io:format("~p~n", [binary_to_term(term_to_binary(N)) =:= N]),
    io:format("~p~n", [term_to_binary(-N)]),
    <<X:208>> = <<N:208>>,
    io:format("~p~n", [X =:= N]),
    io:format("~p~n", [<<N:208/little>>]),
    io:format("~p~n", [[-N div 7, -N rem 7, N div -7]]),
    io:format("~p~n", [integer_to_binary(-N)]),
    io:format("~w~n", [-N]),
    io:format("~b~n", [N]),
    io:format("~.16b~n", [-N]).
