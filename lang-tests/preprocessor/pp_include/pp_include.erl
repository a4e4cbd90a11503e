-module(pp_include).
-export([main/0]).

-include("pp_include_defs.hrl").

main() ->
    io:format("~p~n", [#shape{}]),
    io:format("~p~n", [?AREA(#shape{kind = square, size = 4})]),
    io:format("~p~n", [?VERSION]).
