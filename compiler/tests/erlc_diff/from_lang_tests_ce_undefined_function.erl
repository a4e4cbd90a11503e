-module(from_lang_tests_ce_undefined_function).
-export([main/0]).

main() ->
    io:format("~p~n", [helper(1)]).
