-module(sl_uncaught_throw_in_catch).
-export([main/0]).

main() ->
    io:format("one~n"),
    try
        error(first)
    catch
        error:first ->
            io:format("caught first~n"),
            throw({second, [1, 2, 3]})
    end.
