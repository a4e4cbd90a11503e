-module(sf_float_print).
-export([main/0]).

%% ~p/~w of floats of every magnitude, float_to_list/1,2, float_to_binary.
main() ->
    Pows = [math:pow(10, E) || E <- lists:seq(-25, 25)],
    lists:foreach(fun(F) -> io:format("~w ~p ~w~n", [F, F * 1.5, -F / 7]) end, Pows),
    Odd = [0.1 + 0.2, 1.0e23, 9007199254740992.0, 9007199254740993.0,
           18014398509481984.0, 4503599627370496.0, 4503599627370497.0,
           123456789012345680.0, 1.0e21, 1.0e-7, 123.0e-9, 0.3, 100.0, 1000.0,
           10000.0, 100000.0, 1.0e6, 1.0e7, 12345678.9, 0.000123456,
           5.0e-324, 2.2250738585072014e-308, 1.7976931348623157e308, -0.0,
           2.5e-5, 3.0e-4, 1.2e10, 1.23e15, 1.234e16, 99999999999999.9],
    lists:foreach(fun(F) ->
                          io:format("~p~n", [F]),
                          io:format("  ~s~n", [float_to_list(F)]),
                          io:format("  ~p~n", [[safe(F, Opts) || Opts <- [[short], [{decimals, 3}], [{scientific, 5}],
                                                                        [{decimals, 6}, compact], [{scientific, 0}]]]]),
                          io:format("  ~p~n", [safe_bin(F, [{decimals, 2}])])
                  end, Odd),
    io:format("~p~n", [[float_to_list(2.5, [{decimals, 0}]), float_to_list(3.5, [{decimals, 0}]),
                        float_to_list(0.5, [{decimals, 0}]), float_to_list(1.05, [{decimals, 1}]),
                        float_to_list(1.0, [{decimals, 4}, compact]), float_to_list(10.0, [{decimals, 0}, compact]),
                        float_to_list(1.5e10, [{scientific, 0}]), float_to_list(-1.5, [{scientific, 1}])]]),
    io:format("~p~n", [float_to_binary(1.0)]),
    io:format("~p~n", [float_to_binary(0.1, [short])]),
    io:format("~p~n", [[float(N) || N <- [1, 10, 100, 1 bsl 60, -(1 bsl 70)]]]),
    io:format("~p~n", [[X / 3 || X <- lists:seq(1, 12)]]),
    io:format("~w~n", [{1.0, [2.5, -3.25], #{k => 4.0e-3}}]),
    Bad = [fun() -> float_to_list(1.0, [{decimals, 300}]) end,
           fun() -> float_to_list(1.0, [{decimals, -1}]) end,
           fun() -> float_to_list(1.0, [bogus]) end,
           fun() -> float_to_list(1) end,
           fun() -> float_to_list(1.0e300, [{decimals, 10}]) end,
           fun() -> float_to_list(1.0, [{scientific, 300}]) end],
    [io:format("~p~n", [catch_it(F)]) || F <- Bad],
    ok.

safe(F, Opts) ->
    try float_to_list(F, Opts) catch error:R -> {error, R} end.

safe_bin(F, Opts) ->
    try float_to_binary(F, Opts) catch error:R -> {error, R} end.

catch_it(F) ->
    try F() of
        V -> {ok, V}
    catch
        C:R -> {C, R}
    end.
