-module(stdlib_string1).
-export([main/0]).

main() ->
    io:format("~p~n", [[string:length("hello"), string:uppercase("abc"), string:lowercase("ABC")]]),
    io:format("~p~n", [string:split("a,b,c", ",")]),
    io:format("~p~n", [string:split("a,b,c", ",", all)]),
    io:format("~p~n", [string:lexemes("  a  b c ", " ")]),
    io:format("~p~n", [string:trim("  padded  ")]),
    io:format("~p~n", [string:trim("xxhixx", both, "x")]),
    io:format("~p~n", [[string:find("hello world", "o w"), string:find("abc", "z")]]),
    io:format("~p~n", [string:replace("a-b-c", "-", "+", all)]),
    io:format("~p~n", [[string:slice("hello", 1, 3), string:reverse("abc"), string:is_empty("")]]),
    io:format("~p~n", [[string:pad("ab", 5), string:pad("ab", 5, leading, $.), string:pad("ab", 6, both)]]),
    io:format("~p~n", [[string:to_integer("42abc"), string:to_float("3.5x"), string:to_integer("x")]]),
    io:format("~p~n", [[string:titlecase("hello"), string:casefold("ABC"), string:equal("a", "a")]]),
    io:format("~p~n", [[string:prefix("prefix-rest", "prefix-"), string:prefix("abc", "x")]]),
    io:format("~p~n", [string:join(["x", "y", "z"], "-")]),
    io:format("~p~n", [[string:tokens("a b  c", " "), string:chr("hello", $l), string:substr("hello", 2, 3)]]),
    io:format("~p~n", [[string:str("hello", "ll"), string:copies("ab", 3), string:to_upper("mixed Case")]]),
    io:format("~p~n", [[string:strip("  x  "), string:left("ab", 4, $*), string:right("ab", 4, $*)]]),
    io:format("~p~n", [string:split(<<"bin:split">>, ":")]),
    io:format("~p~n", [string:uppercase(<<"binary">>)]),
    io:format("~p~n", [string:next_grapheme("abc")]),
    io:format("~p~n", [string:nth_lexeme("a b c", 2, " ")]).
