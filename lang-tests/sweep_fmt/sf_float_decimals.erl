-module(sf_float_decimals).
-export([main/0]).

%% float_to_list/2 and float_to_binary/2 with {decimals, 0..20}, {scientific, 0..20}
%% and compact, over values whose digits show how OTP rounds.
values() ->
    [2254.844076407504871895, 1/3, 2/7, -22/7, 123456.789, 1.0e10 + 0.123, 0.1, 9.995,
     1000.0 / 7, 0.045, 0.5, 1.5, 2.5, -0.0, 4503599627370495.5, 1.0e-7, 6.02214076e23].

main() ->
    lists:foreach(
      fun(F) ->
              io:format("~w~n", [F]),
              lists:foreach(
                fun(D) ->
                        io:format("  ~2w ~s | ~s | ~s~n",
                                  [D, float_to_list(F, [{decimals, D}]),
                                   float_to_list(F, [{scientific, D}]),
                                   float_to_binary(F, [{decimals, D}, compact])])
                end, lists:seq(0, 20))
      end, values()),
    ok.
