-module(strings_basic).
-export([main/0]).

main() ->
    S = "hello",
    io:format("~p ~s ~w~n", [S, S, S]),
    io:format("~p~n", [[$h, $i]]),
    io:format("~p~n", ["tab\there" ++ "\n" ++ "quote\"back\\slash"]),
    io:format("~p~n", ["esc \e del \d bell \a"]),
    io:format("~p~n", [[1, 2, 3]]),
    io:format("~p~n", [[104, 105, 300]]),
    io:format("~p~n", [[]]),
    io:format("~p~n", ["caf" ++ [233]]),
    io:format("~p~n", [["abc", 'abc', <<"abc">>]]),
    io:format("~p~n", [length("hello" ++ " " ++ "world")]),
    io:format("~p~n", ["\x41\x{42}\101"]),
    io:format("~s~n", [["nested", [$\s, "io", [$l, "ist"]]]]),
    io:format("~p~n", [lists:flatten(["a", ["b", ["c"]]])]).
