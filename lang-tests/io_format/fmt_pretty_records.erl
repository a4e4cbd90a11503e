-module(fmt_pretty_records).
-export([main/0]).

-record(config, {name, version, options = [], dependencies = [], description}).

main() ->
    C = #config{name = my_application, version = "1.2.3", options = [verbose, {level, 3}, debug],
                dependencies = [kernel, stdlib, crypto, ssl, inets], description = "An example record"},
    io:format("~p~n", [C]),
    io:format("~p~n", [[C]]),
    io:format("~p~n", [{tag, [{key1, "value one"}, {key2, "value two"}, {key3, "value three"}, {key4, 4}]}]),
    io:format("~p~n", [[[1, 2, 3], [4, 5, 6], [7, 8, 9], [10, 11, 12], [13, 14, 15], [16, 17, 18], [19, 20, 21]]]),
    io:format("~p~n", [{[], {}, #{}, <<>>, "", [[]]}]),
    io:format("~p~n", [[a | b]]),
    io:format("~p~n", [{"a very long string that will certainly not fit on one line of eighty columns", x}]).
