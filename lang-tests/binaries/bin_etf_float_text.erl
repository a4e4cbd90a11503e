-module(bin_etf_float_text).
-export([main/0]).

%% FLOAT_EXT (tag 99) holds a float as 31 bytes of text; text that is no finite number is badarg.
main() ->
    [io:format("~s: ~p~n", [T, decode(T)])
     || T <- ["1.50000000000000000000e+00", "-2.5e-3", "infinity", "inf", "nan", "-inf",
              "1e400", "abc", ""]].

decode(Text) ->
    Pad = lists:duplicate(31 - length(Text), 0),
    try binary_to_term(list_to_binary([131, 99, Text, Pad]))
    catch error:R -> {error, R}
    end.
