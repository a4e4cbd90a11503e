#!/bin/sh
# Regenerates floats.tsv: for each float (as its 64-bit pattern in hex), what OTP prints for
# float_to_list(F, [short]), float_to_list(F), [{decimals,4}], [{scientific,3}] and
# [{decimals,6},compact] ("badarg" where OTP raises it). Run from this directory with OTP 25's `erl` on the PATH.
erl -noshell -eval '
Ms = [1.0, 1.5, 1.2345, 3.14159, 9.999, 7.0, 1.2345678901234568, 2.5, 4.9406564584124654, 1.7976931348623157],
Es = lists:seq(-25, 25) ++ [-300, -320, 300, 307],
Base = [M * math:pow(10, E) || M <- Ms, E <- Es, M * math:pow(10, E) < 1.7976931348623157e308] ++
  [0.0, 1.0e-5, 0.0001, 100.0, 10000.0, 100000.0, 123456.0, 1234567.0, 9007199254740992.0,
   9007199254740993.0, 18014398509481984.0, 4503599627370496.5, 1.0e22, 1.0e23, 5.0e-324,
   0.1, 0.2, 0.3, 0.30000000000000004, 2.0e10, 123456789.0e1, 123456789.0e2],
rand:seed(exsss, {1, 2, 3}),
Rand = [rand:uniform() * math:pow(10, rand:uniform(40) - 20) || _ <- lists:seq(1, 300)],
All = Base ++ [-X || X <- Base] ++ Rand,
Try = fun(G) -> try G() catch error:badarg -> "badarg" end end,
lists:foreach(fun(F) ->
    <<B:64>> = <<F/float>>,
    io:format("~16.16.0b\t~s\t~s\t~s\t~s\t~s~n",
      [B, float_to_list(F, [short]), float_to_list(F), Try(fun() -> float_to_list(F, [{decimals, 4}]) end),
       float_to_list(F, [{scientific, 3}]), Try(fun() -> float_to_list(F, [{decimals, 6}, compact]) end)])
  end, All),
halt().' > floats.tsv
