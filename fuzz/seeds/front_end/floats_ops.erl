-module(floats_ops).
-export([main/0]).

main() ->
    io:format("~p~n", [[trunc(2.9), trunc(-2.9), round(2.5), round(-2.5), round(0.49999999999999994)]]),
    io:format("~p~n", [[floor(1.5), ceil(1.5), floor(-1.5), ceil(-1.5)]]),
    io:format("~p~n", [[abs(-2.5), -2.5 * 2, 7.0 / 2, 1.0e300 * 10.0 > 1.0e300]]),
    io:format("~p~n", [[float_to_list(1.5), float_to_list(0.1, [{decimals, 3}]), float_to_list(2.0, [short])]]),
    io:format("~p~n", [[float_to_binary(3.25, [{decimals, 1}]), float_to_list(1.0e20, [{scientific, 2}])]]),
    io:format("~p~n", [[list_to_float("2.5"), binary_to_float(<<"-1.0e3">>)]]),
    io:format("~p~n", [[math:sqrt(2.0), math:sin(0.0), math:cos(0.0), math:exp(1.0), math:log(10.0)]]),
    io:format("~p~n", [[math:floor(2.7), math:ceil(2.1), math:fmod(7.5, 2.0), math:atan2(1.0, 1.0)]]),
    io:format("~p~n", [[1.0 =:= 1.0, 0.0 == -0.0, 0.0 =:= -0.0]]).
