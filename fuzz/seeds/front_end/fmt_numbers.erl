-module(fmt_numbers).
-export([main/0]).

main() ->
    [io:format("~w ~p ~b ~8b| ~-8b| ~.8b ~.16B~n", [N, N, N, N, N, N, N]) || N <- [0, 7, -7, 255, 123456789]],
    [io:format("~f ~e ~g ~.3f ~12.4f| ~-12.2e|~n", [F, F, F, F, F, F]) || F <- [0.0, 1.0, -2.5, 123.456, 1.0e-7, 6.02e23]],
    io:format("~5w|~5w|~n", [1234567, -1]),
    io:format("~c~c~n", [$x, 10]),
    io:format("~4.2c|~n", [$y]),
    io:format("~p~n", [[1.0e-10, 1.0e100, 12345678901234567890.0, 0.000123]]).
