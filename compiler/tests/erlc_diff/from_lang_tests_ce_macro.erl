-module(from_lang_tests_ce_macro).
-export([main/0]).

-define(TWICE(X), (X + X)).

main() ->
    io:format("~p~n", [?UNDEFINED_MACRO]),
    io:format("~p~n", [?TWICE(1, 2)]).
