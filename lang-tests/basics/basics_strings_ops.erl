-module(basics_strings_ops).
-export([main/0]).

%% Strings are lists: ++, --, comparisons and list functions on them.
main() ->
    S = "hello" ++ ", " ++ "world",
    io:format("~s~n", [S]),
    io:format("~p~n", [S -- "lo"]),
    io:format("~p~n", [["abc" < "abd", "abc" < "ab", "" < "a", "Z" < "a"]]),
    io:format("~p~n", [lists:reverse(S)]),
    io:format("~p~n", [[C - 32 || C <- "upper", C >= $a]]),
    io:format("~p~n", [lists:map(fun(C) when C >= $a, C =< $z -> C - 32; (C) -> C end, S)]),
    io:format("~p~n", [[$a + I || I <- lists:seq(0, 5)]]),
    io:format("~p~n", [length(lists:duplicate(1000, $x))]).
