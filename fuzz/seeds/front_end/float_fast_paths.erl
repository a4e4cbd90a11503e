-module(float_fast_paths).
-export([main/0]).

t(F) -> try F() of V -> V catch C:R -> {C, R} end.

id(V) -> V.

loop(0, Acc) -> Acc;
loop(N, Acc) -> loop(N - 1, Acc * 1.5 + N - 0.25).

main() ->
    [X, Y, I, Big, Z] = id([1.0e308, 0.5, 3, 1 bsl 70, 0.0]),
    Cases = [
        fun() -> X * 10 end, fun() -> X + X end, fun() -> -X - X end,
        fun() -> Y + I end, fun() -> I + Y end, fun() -> I - Y end, fun() -> Y - I end,
        fun() -> I * Y end, fun() -> Y * I end, fun() -> I / 2 end, fun() -> 7 / I end,
        fun() -> Y / Z end, fun() -> I / 0 end, fun() -> Z * -1 end, fun() -> -0.0 + 0 end,
        fun() -> Y + Big end, fun() -> Big * Y end, fun() -> Big / 3 end,
        fun() -> Y + 1 end, fun() -> Y - 1 end, fun() -> 1 + Y end, fun() -> Y + a end,
        fun() -> (1 bsl 59) + (1 bsl 59) end, fun() -> (1 bsl 59) * 4.0 end,
        fun() -> 1.0e300 * 1.0e10 end, fun() -> Y * Y * Y end
    ],
    [io:format("~p~n", [t(C)]) || C <- Cases],
    io:format("~p~n", [loop(40, 0.0)]).
