-module(ce_bad_token).
-export([main/0]).

main() ->
    S = "unterminated string,
    io:format("~p~n", [S]).
