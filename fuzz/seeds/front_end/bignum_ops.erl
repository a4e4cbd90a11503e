-module(bignum_ops).
-export([main/0]).

pow(_, 0) -> 1;
pow(B, E) -> B * pow(B, E - 1).

main() ->
    A = pow(2, 100),
    B = pow(3, 50),
    io:format("~p~n", [[A, B]]),
    io:format("~p~n", [[A + B, A - B, B - A, A * B]]),
    io:format("~p~n", [[A div B, A rem B, -A div B, -A rem B]]),
    io:format("~p~n", [[A band B, A bor B, A bxor B, bnot A]]),
    io:format("~p~n", [[A bsr 90, A bsl 10, -A bsr 3]]),
    io:format("~p~n", [[A > B, A == A + 0, A =:= pow(2, 100), -A < B]]),
    io:format("~p~n", [[abs(-A), A * 0, A - A]]),
    io:format("~s~n", [integer_to_list(A, 16)]),
    io:format("~p~n", [list_to_integer("123456789012345678901234567890")]),
    io:format("~p~n", [float(A)]),
    io:format("~p~n", [pow(10, 40) / pow(10, 20)]).
