-module(sf_wish_string_shapes).
-export([main/0]).

%% string functions on deep chardata mixing lists and binaries: OTP returns parts of the
%% input's shape (binaries stay binaries), krarup flattens to a list of code points.
main() ->
    io:format("~p~n", [string:split(["ab", <<"c,d">>, "e"], ",")]),
    io:format("~p~n", [string:split([<<"a,b">>], ",", all)]),
    io:format("~p~n", [string:trim([<<"  a">>, "b  "], leading)]),
    io:format("~p~n", [string:slice(["ab", <<"cd">>], 1)]),
    io:format("~p~n", [string:find(["ab", <<"cd">>], "c")]),
    io:format("~p~n", [string:replace(["ab", <<"cd">>], "c", "X")]),
    io:format("~p~n", [string:lexemes(["a b", <<" c">>], " ")]),
    io:format("~p~n", [string:take(["ab", <<"cd">>], "ab")]),
    io:format("~p~n", [string:prefix(["ab", <<"cd">>], "abc")]),
    io:format("~p~n", [string:next_grapheme(["", <<"ab">>])]),
    io:format("~p~n", [string:next_codepoint([<<"ab">>])]),
    ok.
