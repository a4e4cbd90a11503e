-module(from_lang_tests_ce_unbound).
-export([main/0]).

main() ->
    Y = 1,
    io:format("~p~n", [X + Y]).
