-module(sl_bignum).
-export([main/0]).

main() ->
    B = 1 bsl 100,
    N = -(1 bsl 90) - 12345,
    P = 123456789012345678901234567890,
    io:format("~p~n~p~n~p~n", [B, N, P]),
    io:format("add ~p~nsub ~p~nmul ~p~n", [B + N, N - B, P * N]),
    io:format("div ~p ~p ~p ~p~n", [B div 7, N div 7, B div -7, N div -7]),
    io:format("rem ~p ~p ~p ~p~n", [B rem 7, N rem 7, B rem -7, N rem -7]),
    io:format("div big ~p ~p~n", [P div N, P rem N]),
    io:format("band ~p~nbor ~p~nbxor ~p~n", [P band B - 1, P bor N, P bxor N]),
    io:format("band neg ~p ~p~n", [N band 16#FFFFFFFF, N band (B - 1)]),
    io:format("bnot ~p ~p~n", [bnot P, bnot N]),
    io:format("bsl ~p ~p~n", [P bsl 37, N bsl 5]),
    io:format("bsr ~p ~p ~p ~p~n", [P bsr 37, N bsr 5, N bsr 200, P bsr 200]),
    io:format("shift back ~p~n", [(P bsl 100) bsr 100 =:= P]),
    io:format("fact30 ~p~n", [fact(30)]),
    io:format("fact50 ~p~n", [fact(50)]),
    io:format("pow ~p~n", [pow(3, 100)]),
    io:format("neg pow ~p~n", [pow(-7, 31)]),
    io:format("compare ~p ~p ~p ~p~n", [B > P, N < -B, B == B + 0, B =:= float(B)]),
    io:format("compare float ~p ~p~n", [B == float(B), B < 1.0e31]),
    io:format("float ~p ~p~n", [float(B), float(N)]),
    io:format("trunc ~p ~p~n", [trunc(1.0e20), round(-1.5e25)]),
    io:format("to list ~s ~s~n", [integer_to_list(P), integer_to_list(N, 16)]),
    io:format("from list ~p ~p~n", [list_to_integer("-98765432109876543210"), list_to_integer("ffffffffffffffffffff", 16)]),
    io:format("abs ~p~n", [abs(N)]),
    io:format("gcd ~p~n", [gcd(fact(40), pow(6, 30))]),
    io:format("fib200 ~p~n", [fib(200)]),
    io:format("boundaries ~p~n", [[(1 bsl 59) - 1, 1 bsl 59, (1 bsl 60) - 1, 1 bsl 60, -(1 bsl 59), -(1 bsl 59) - 1,
                                   (1 bsl 63) - 1, 1 bsl 63, 1 bsl 64, -(1 bsl 64)]]),
    io:format("small ops ~p~n", [[(1 bsl 59) + (1 bsl 59), 576460752303423487 * 2, -576460752303423488 - 1,
                                  -576460752303423488 * -1, 576460752303423488 div -1]]),
    io:format("is_integer ~p ~p~n", [is_integer(B), is_number(N)]),
    io:format("mixed ~p ~p~n", [B + 0.5, N * 1.0]),
    io:format("~w ~b ~.16b~n", [N, P, P]),
    io:format("big div zero ~p~n", [try B div 0 catch error:Why -> Why end]),
    io:format("big rem sign ~p~n", [[X rem 3 || X <- [B, -B, B + 1, -B - 1]]]),
    io:format("big bsl neg ~p~n", [B bsl -98]),
    io:format("band mix ~p~n", [(-B) band (-P)]),
    io:format("bor mix ~p~n", [(-B) bor P]),
    io:format("bxor mix ~p~n", [(-B) bxor (-P)]),
    io:format("sum ~p~n", [lists:sum([1 bsl I || I <- lists:seq(0, 200, 7)])]),
    io:format("phash-free hash ~p~n", [length(integer_to_list(fact(100)))]),
    ok.

fact(0) -> 1;
fact(N) -> N * fact(N - 1).

pow(_, 0) -> 1;
pow(X, N) -> X * pow(X, N - 1).

gcd(A, 0) -> A;
gcd(A, B) -> gcd(B, A rem B).

fib(N) -> fib(N, 0, 1).
fib(0, A, _) -> A;
fib(N, A, B) -> fib(N - 1, B, A + B).
