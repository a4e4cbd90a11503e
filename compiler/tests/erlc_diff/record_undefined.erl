-module(record_undefined).
-export([main/0]).
-record(point, {x, y}).
main() ->
    P = #point{x = 1, z = 2},
    Q = #circle{r = 1},
    {P#point.w, Q}.
