-module(records_guards).
-export([main/0]).

-record(circle, {r}).
-record(rect, {w, h}).
-record(tri, {a, b, c}).

area(S) when is_record(S, circle) -> 3 * S#circle.r * S#circle.r;
area(#rect{w = W, h = H}) when W > 0, H > 0 -> W * H;
area(#rect{}) -> degenerate;
area(S) when element(1, S) =:= tri -> triangle;
area(_) -> unknown.

main() ->
    Shapes = [#circle{r = 2}, #rect{w = 3, h = 4}, #rect{w = 0, h = 1}, #tri{a = 1, b = 1, c = 1}, {other}],
    io:format("~p~n", [[area(S) || S <- Shapes]]),
    io:format("~p~n", [[#rect.w, #rect.h, #tri.c]]),
    R = #rect{w = 1, h = 2},
    io:format("~p~n", [R#rect{h = R#rect.w + 10}]),
    io:format("~p~n", [try (list_to_tuple([circle]))#circle.r catch error:E -> E end]),
    io:format("~p~n", [[S || S <- Shapes, is_record(S, rect)]]).
