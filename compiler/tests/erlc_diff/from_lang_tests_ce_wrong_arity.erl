-module(from_lang_tests_ce_wrong_arity).
-export([main/0]).

add(A, B) -> A + B.

main() ->
    io:format("~p~n", [add(1)]).
