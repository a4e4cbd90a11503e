-module(syntax_in_record).
-export([main/0]).
-record(point, {x = , y}).
main() ->
    P = #point{x = 1},
    P#point.y.
