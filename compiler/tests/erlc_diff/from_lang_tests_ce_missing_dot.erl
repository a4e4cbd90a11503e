-module(from_lang_tests_ce_missing_dot).
-export([main/0]).

main() ->
    io:format("hi~n")

helper() -> ok.
