-module(strings_unicode).
-export([main/0]).

main() ->
    S = [104, 233, 108, 108, 246, 32, 8364, 32, 955],
    io:format("~ts~n", [S]),
    io:format("~tp~n", [S]),
    io:format("~p~n", [S]),
    B = unicode:characters_to_binary(S),
    io:format("~p~n", [B]),
    io:format("~ts~n", [B]),
    io:format("~p~n", [byte_size(B)]),
    io:format("~p~n", [unicode:characters_to_list(B)]),
    io:format("~tp~n", [<<"ñ"/utf8>>]),
    io:format("~ts~n", ["日本語"]),
    io:format("~p~n", [length("日本語")]).
