-module(from_lang_tests_ce_several).
-export([main/0, missing/0]).

main() ->
    A = undefined_var + 1,
    B = nope(2),
    io:format("~p~n", [{A, B, C}]).

dup(X) -> X.
dup(X) -> X.
