-module(from_lang_tests_ce_syntax).
-export([main/0]).

main() ->
    X = {1, 2,
    io:format("~p~n", [X]).
