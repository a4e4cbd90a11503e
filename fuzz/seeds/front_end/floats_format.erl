-module(floats_format).
-export([main/0]).

main() ->
    io:format("~f ~f ~f~n", [1.0, 3.14159, -0.5]),
    io:format("~.2f ~.1f ~.10f~n", [2.345, 2.5, 1/3]),
    io:format("~e ~.3e~n", [12345.678, 0.000123]),
    io:format("~g ~g ~g~n", [0.5, 1.0e10, 123.456]),
    io:format("~10.3f|~-10.3f|~w~n", [3.14159, 3.14159, 2.0]),
    io:format("~s~n", [io_lib:format("~.1f", [0.05])]),
    ok.
