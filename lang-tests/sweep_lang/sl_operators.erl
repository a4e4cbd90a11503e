-module(sl_operators).
-export([main/0]).

main() ->
    io:format("~p~n", [[1 + 2 * 3, (1 + 2) * 3, 10 - 4 - 3, 2 * 3 div 4, 7 rem 4 * 2, -3 + 5, - - 3,
                        100 div 7 div 2, 2 + 3 bsl 2, 1 bor 2 band 3, 6 band 3 bor 8, 1 bsl 2 + 1]]),
    io:format("~p~n", [[- 7 div 2, -7 rem 2, 7 div -2, 7 rem -2, -7 div -2, -7 rem -2]]),
    io:format("~p~n", [[7 / 2, -7 / 2, 1 / 3, 2.0 * 3, 4 / 2, 0.1 + 0.2]]),
    io:format("~p~n", [[bnot 5, bnot -1, bnot 0, 5 bxor 3, -5 band 255, -1 bsr 3, -16 bsr 2, 1 bsr 5, 3 bsl -1, 16 bsr -2]]),
    io:format("~p~n", [[+5, +(-5), -(-5), - 0, -0.0, +1.5]]),
    io:format("~p~n", [[true and false, true or false, true xor true, not true, not false, false and true]]),
    io:format("~p~n", [[true andalso false, false orelse true, false andalso garbage, true orelse garbage,
                        true andalso 42, false orelse [x]]]),
    io:format("~p~n", [[1 < 2, 2 =< 2, 3 >= 4, 1 == 1.0, 1 =:= 1.0, 1 /= 1.0, 1 =/= 1.0, a < b, 1 > a]]),
    io:format("~p~n", [[prec_not(), not (1 < 2), (not true) =:= false, 1 + 1 == 2 andalso 3 > 2, (1 < 2) == true]]),
    io:format("~p~n", [[[1, 2] ++ [3] ++ [4, 5], [1, 2, 3, 2, 1] -- [2, 1], [1, 2] ++ [3] -- [3], "ab" ++ "cd"]]),
    io:format("~p~n", [[[1, 2, 3] -- [1, 2] -- [1], [a | [b | [c]]], [a | b]]]),
    X = 5,
    Y = X * 2 + X div 2 - X rem 3,
    io:format("Y ~p~n", [Y]),
    io:format("~p~n", [[2 * -3, 2 - -3, 2 + +3, 10 - 2 * 3 + 4 / 2]]),
    io:format("~p~n", [[(1 bsl 64) - 1, 1 bsl 64 - 1, (1 bsl 64) band 16#FFFF, 5 band 3 + 1]]),
    io:format("~p~n", [[a =:= a, "abc" == [97, 98, 99], {1, 2} < {1, 3}, [] < [1], <<>> < <<0>>]]),
    io:format("~p~n", [send_prec()]),
    io:format("~p~n", [[catch_prec(), match_chain()]]),
    io:format("~p~n", [[float(7), trunc(-2.7), round(-2.5), round(2.5), abs(-7), abs(-2.5), 7 div 7]]),
    io:format("~p~n", [[max(1, 2.0), min(a, 1), max("a", <<"a">>), min({1}, [1])]]),
    io:format("~p~n", [[1.0 * 3, 3 / 1, 1.0e10 + 1, 123456789 * 987654321]]),
    io:format("~p~n", [[erlang:'+'(1, 2), erlang:'*'(3, 4), erlang:'-'(5), erlang:'=='(1, 1.0), erlang:'++'([1], [2])]]),
    io:format("~p~n", [[erlang:'and'(true, false), erlang:'not'(false), erlang:'bsl'(1, 10), erlang:'div'(9, 2)]]),
    io:format("~p~n", [[2#1010, 8#17, 16#fF, 36#Z, $a, $\n, $\\, $\s, 1_000_000, 16#DEAD_BEEF]]),
    io:format("~p~n", [[1.5e3, 2.0e-3, 1.0e0, 12.5e+1, 1_0.0_1]]),
    ok.

send_prec() ->
    self() ! a, self() ! b,
    R1 = receive M1 -> M1 end,
    R2 = receive M2 -> M2 end,
    Z = self() ! {x, 1 + 2},
    R3 = receive M3 -> M3 end,
    {R1, R2, Z, R3}.

catch_prec() ->
    A = catch 1 + 2,
    A.

match_chain() ->
    A = B = C = {1, 2},
    {D, E} = F = A,
    [A =:= B, B =:= C, D, E, F].

prec_not() ->
    One = list_to_integer("1"),
    try not One < 2 of
        V -> {value, V}
    catch
        C:R -> {C, R}
    end.
