-module(sf_wish_chars_limit).
-export([main/0]).

%% io_lib:format/3 with the chars_limit option (OTP 21+): krarup accepts and ignores it.
main() ->
    T = {config, lists:seq(1, 50), #{name => "a long name value", other => [x, y, z]}},
    [io:format("~p~n", [lists:flatten(io_lib:format(F, [T], [{chars_limit, N}]))])
     || F <- ["~p", "~w"], N <- [10, 30, 60]],
    io:format("~p~n", [lists:flatten(io_lib:format("~s|~p", ["abcdefghijklmnop", T], [{chars_limit, 25}]))]),
    io:format("~p~n", [lists:flatten(io_lib:format("~w ~w", [lists:seq(1, 50), abc], [{chars_limit, 20}]))]),
    ok.
