-module(ce_missing_dot).
-export([main/0]).

main() ->
    io:format("hi~n")

helper() -> ok.
