-module(misc_re).
-export([main/0]).

%% The re module (regular expressions).
main() ->
    io:format("~p~n", [re:run("hello 42 world", "[0-9]+", [{capture, all, list}])]),
    io:format("~p~n", [re:replace("a.b.c", "\\.", "-", [global, {return, list}])]),
    io:format("~p~n", [re:split("a1b22c", "[0-9]+", [{return, list}])]).
