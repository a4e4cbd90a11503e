-module(arith_bitops).
-export([main/0]).

popcount(0) -> 0;
popcount(N) -> (N band 1) + popcount(N bsr 1).

main() ->
    io:format("~p~n", [[popcount(X) || X <- [0, 1, 255, 256, 1023, 16#deadbeef]]]),
    io:format("~p~n", [[-1 band 16#ff, -256 bor 15, bnot -1, bnot 0, -1 bxor 1]]),
    io:format("~p~n", [[1 bsl 60, 1 bsl 64, (1 bsl 100) bsr 99, -1 bsl 3, -1 bsr 100]]),
    io:format("~p~n", [[5 bsl -1, 5 bsr -1]]).
