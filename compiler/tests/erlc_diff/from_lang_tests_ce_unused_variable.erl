-module(from_lang_tests_ce_unused_variable).
-export([main/0]).

%% Only warnings: the program still runs and prints "ran".
main() ->
    Unused = 42,
    io:format("ran~n").
