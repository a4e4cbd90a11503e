-module(from_lang_tests_ce_bad_token).
-export([main/0]).

main() ->
    S = "unterminated string,
    io:format("~p~n", [S]).
