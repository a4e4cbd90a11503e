-module(uncaught_badmatch).
-export([main/0]).

main() ->
    io:format("line one~n"),
    io:format("line two~n"),
    {ok, _} = lists:keyfind(missing, 1, [{present, 1}]),
    io:format("never~n").
