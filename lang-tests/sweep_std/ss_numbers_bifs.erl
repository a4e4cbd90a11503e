-module(ss_numbers_bifs).
-export([main/0]).

t(F) ->
    try F() of
        V -> V
    catch
        C:R -> {caught, C, R}
    end.

main() ->
    Nums = [0, 1, -1, 7, -7, 2.5, -2.5, 3.5, -3.5, 0.49999, -0.5, 1.0e15, -1.5e300,
            123456789012345678901234567890, -98765432109876543210],
    lists:foreach(
      fun(N) ->
              io:format("~p -> abs=~p round=~p trunc=~p float=~p~n",
                        [N, abs(N), round(N), trunc(N), t(fun() -> float(N) end)])
      end, Nums),
    lists:foreach(
      fun(N) ->
              io:format("~p -> ceil=~p floor=~p~n", [N, ceil(N), floor(N)])
      end, [1.2, -1.2, 5, -0.0, 0.9999999, 2.0e20]),
    io:format("~p~n", [[min(1, 1.0), max(1, 1.0), min(1.0, 1), max(1.0, 1)]]),
    io:format("~p~n", [[min(a, 1), max(a, 1), min([], {}), max([], {}), min(<<>>, [])]]),
    io:format("~p~n", [[max(3, 3), min(-0.0, 0), max(self_atom, "str")]]),
    io:format("~p~n", [[t(fun() -> abs(a) end), t(fun() -> round("1") end),
                        t(fun() -> trunc(x) end), t(fun() -> float([]) end),
                        t(fun() -> ceil(foo) end), t(fun() -> floor(<<>>) end)]]),
    io:format("~p~n", [[7 div 2, -7 div 2, 7 rem -2, -7 rem 2, 7 / 2, -8 / 2]]),
    io:format("~p~n", [[t(fun() -> 1 div 0 end), t(fun() -> 1 rem 0 end),
                        t(fun() -> 1 / 0 end), t(fun() -> 1.0 / 0.0 end),
                        t(fun() -> 3 div 1.0 end)]]),
    io:format("~p~n", [[1 bsl 64, -1 bsr 3, 255 band 15, 8 bor 1, 5 bxor 3, bnot 5]]),
    io:format("~p~n", [[t(fun() -> 1.0 band 1 end), t(fun() -> 1 bsl a end)]]),
    io:format("~p~n", [[float(1 bsl 60), round(1.0e18), trunc(-1.0e19)]]),
    io:format("~p~n", [[t(fun() -> float(1 bsl 1100) end)]]),
    io:format("~p~n", [[math:sqrt(16), math:pi(), math:exp(0), math:log(1)]]),
    io:format("~p~n", [[t(fun() -> math:sqrt(-1) end), t(fun() -> math:log(0) end)]]),
    io:format("~p~n", [[erlang:float(7), 10 * 1.0, 0.1 + 0.2, 1.0e-10, 123.456e5]]),
    io:format("~p~n", [[round(2.5), round(-2.5), round(0.5), round(1.5)]]),
    io:format("~p~n", [[is_integer(3), is_integer(3.0), is_float(3.0), is_number(a),
                        is_number(1 bsl 100)]]),
    Big = lists:foldl(fun(X, Acc) -> Acc * X end, 1, lists:seq(1, 30)),
    io:format("~p ~p ~p~n", [Big, Big div 1000000007, Big rem 1000000007]),
    io:format("~p~n", [[abs(-Big), -Big div 7, (-Big) rem 7]]),
    ok.
