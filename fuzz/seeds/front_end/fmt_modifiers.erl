-module(fmt_modifiers).
-export([main/0]).

%% The l (no string detection) and t (Unicode) modifiers, and pad/precision combinations.
main() ->
    io:format("~lp~n", [[104, 105]]),
    io:format("~p~n", [[104, 105]]),
    io:format("~lw ~w~n", ["hi", "hi"]),
    io:format("~lp~n", [{"nested", [[97]]}]),
    io:format("~tlp~n", [[955]]),
    io:format("~ltp~n", [[955]]),
    io:format("~.5s|~-5.2s|~5.1s|~n", ["abcdefg", "abcdefg", "abcdefg"]),
    io:format("~8.3.xf|~-8.3.xf|~n", [1.5, 1.5]),
    io:format("~3.3.0b|~.10.0B|~n", [5, 5]),
    io:format("~-10.3s|~n", [<<"binary">>]),
    io:format("~s~n", [[<<"mixed ">>, "deep ", ['iolist', $s] -- ['iolist']]]),
    io:format("~15p|~n", [{a, b}]),
    io:format("~p~n", [["a", "b"]]),
    io:format("~40p~n", [lists:seq(1, 30)]).
