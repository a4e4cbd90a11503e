-module(fmt_io_lib).
-export([main/0]).

main() ->
    S = io_lib:format("~p and ~w", [[1, 2], x]),
    io:format("~p~n", [lists:flatten(S)]),
    io:format("~s~n", [S]),
    io:format("~p~n", [lists:flatten(io_lib:format("~5.2f", [1.0]))]),
    io:format("~p~n", [lists:flatten(io_lib:write([1, {a}]))]),
    io:format("~p~n", [lists:flatten(io_lib:write_atom('hello world'))]),
    io:format("~p~n", [lists:flatten(io_lib:write_string("q\"uote"))]),
    io:format("~p~n", [io_lib:printable_list("abc")]),
    io:format("~p~n", [io_lib:printable_list([1, 2])]),
    io:put_chars("put_chars output\n"),
    io:put_chars(["iolist ", <<"output">>, $\n]),
    io:format("~s~n", [string:join(["a", "b", "c"], ", ")]),
    io:write({written, term}),
    io:nl(),
    io:format(<<"binary format string ~p~n">>, [1]),
    io:format('atom format string~n'),
    io:format(standard_io, "to standard_io ~p~n", [ok]).
