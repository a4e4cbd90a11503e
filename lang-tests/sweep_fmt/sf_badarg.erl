-module(sf_badarg).
-export([main/0]).

%% io:format / io_lib:format error cases.
try_fmt(Fmt, Args) ->
    R = try io_lib:format(Fmt, Args) of
            Chars -> {ok, lists:flatten(Chars)}
        catch
            Class:Reason -> {Class, Reason}
        end,
    io:format("~p~n", [R]).

try_io(Fmt, Args) ->
    R = try io:format(Fmt, Args) of
            V -> {returned, V}
        catch
            Class:Reason -> {Class, Reason}
        end,
    io:format("~n~p~n", [R]).

main() ->
    try_fmt("~w ~w", [one]),
    try_fmt("~w", [one, two]),
    try_fmt("~d", [1]),
    try_fmt("~", []),
    try_fmt("~5", [x]),
    try_fmt("~s", [123]),
    try_fmt("~s", [[1, 2, {x}]]),
    try_fmt("~s", [{a}]),
    try_fmt("~c", [a]),
    try_fmt("~c", [-1]),
    try_fmt("~b", [1.0]),
    try_fmt("~f", [1]),
    try_fmt("~e", [1]),
    try_fmt("~g", [abc]),
    try_fmt("~.1e", [1.0]),
    try_fmt("~.0f", [1.5]),
    try_fmt("~.0e", [1.5]),
    try_fmt("~.1b", [5]),
    try_fmt("~.37b", [5]),
    try_fmt("~*w", [x, y]),
    try_fmt("~-20p", ["abc"]),
    try_fmt("~x", [1, {bad}]),
    try_fmt("~W", [x, y]),
    try_fmt("~P", [x, y]),
    try_fmt("~w", not_a_list),
    try_fmt(not_a_format, []),
    try_fmt(<<"bin ~w">>, [ok]),
    try_fmt('atom ~w', [ok]),
    try_fmt("~ts", [[16#110000]]),
    try_fmt("~s", [[256]]),
    try_fmt("~ts", [[256]]),
    try_fmt("~s", [<<255>>]),
    try_fmt("~ts", [<<255>>]),
    try_fmt("~i~i", [a]),
    try_fmt("~q", [a]),
    try_fmt("~10..w", [hi]),
    try_fmt("~2.3s", ["abcdef"]),
    try_fmt("~3.5s", ["abcdef"]),
    try_fmt("~3.5c", [$a]),
    try_fmt("~lw", [x]),
    try_fmt("~tw", [x]),
    try_fmt("~tlp", ["ab"]),
    try_io("~w ~w", [one]),
    try_io("~s", [bad_list, x]),
    try_io("ok ~w", [fine]),
    Dev = fun(F) -> try F() of V -> {returned, V} catch C:R -> {C, R} end end,
    io:format("~p~n", [Dev(fun() -> io:format(nodevice, "x", []) end)]),
    io:format("~p~n", [Dev(fun() -> io:put_chars([a, b]) end)]),
    io:format("~p~n", [Dev(fun() -> io:format(standard_io, "~w~n", [1]) end)]),
    io:format("~p~n", [Dev(fun() -> io:format(user, "~w~n", [2]) end)]),
    io:format("~p~n", [Dev(fun() -> io:put_chars(standard_io, <<"bin chars\n">>) end)]),
    io:format("~p~n", [Dev(fun() -> io:put_chars(["deep", [$\s, <<"io">>], "list\n"]) end)]),
    io:format("~p~n", [Dev(fun() -> io:nl() end)]),
    io:format("~p~n", [Dev(fun() -> io:write({a, "b"}) end)]),
    io:format("~n~p~n", [Dev(fun() -> io:fwrite("fwrite ~w~n", [ok]) end)]),
    io:format("~p~n", [Dev(fun() -> io:format("no args~n") end)]),
    ok.
