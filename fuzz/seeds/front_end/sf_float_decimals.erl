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
    %% OTP checks the 256-byte limit on the text before compact trims zeros.
    [io:format("~w ~w ~p~n", [F, D, try length(float_to_list(F, [{decimals, D}, compact]))
                                   catch error:R -> R end])
     || {F, D} <- [{-7.21512020e246, 10}, {7.2e246, 3}, {1.0e250, 4}, {1.0e250, 5},
                   {-1.0e250, 4}, {-1.0e250, 3}, {1.0e255, 0}]],
    ok.
