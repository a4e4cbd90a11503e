-module(uncaught_after).
-export([main/0]).

%% The after block runs before the exception leaves main/0.
main() ->
    try
        io:format("in try~n"),
        1 / list_to_integer("0")
    after
        io:format("in after~n")
    end.
