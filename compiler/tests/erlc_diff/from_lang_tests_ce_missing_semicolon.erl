-module(from_lang_tests_ce_missing_semicolon).
-export([main/0]).

f(0) -> zero
f(N) -> N.

main() ->
    io:format("~p~n", [f(1)]).
