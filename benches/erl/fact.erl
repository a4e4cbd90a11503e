%% Benchmark: bignum arithmetic, 5000! computed by repeated multiplication.
%% Self-checking: 5000! has 16326 decimal digits and ends in exactly 1249 zeros
%% (1249 = 5000 div 5 + 5000 div 25 + 5000 div 125 + 5000 div 625 + 5000 div 3125).
-module(fact).
-export([main/0]).

fact(N) -> fact(N, 1).
fact(0, Acc) -> Acc;
fact(N, Acc) -> fact(N - 1, Acc * N).

trailing_zeros(N, Z) when N rem 10 =:= 0 -> trailing_zeros(N div 10, Z + 1);
trailing_zeros(_, Z) -> Z.

main() ->
    F = fact(5000),
    Digits = length(integer_to_list(F)),
    Digits =:= 16326 orelse error({wrong_digits, Digits}),
    Zeros = trailing_zeros(F, 0),
    Zeros =:= 1249 orelse error({wrong_zeros, Zeros}),
    io:format("5000! has ~p digits, ~p trailing zeros~n", [Digits, Zeros]).
