-module(sf_integers).
-export([main/0]).

%% Integer directives: ~b ~B ~x ~X ~# ~+ ~w ~p with bases, signs, bignums.
main() ->
    Nums = [0, 1, -1, 9, 10, 35, 36, 255, -255, 65535, 1 bsl 32, -(1 bsl 40),
            123456789012345678901234567890, -98765432109876543210],
    lists:foreach(
      fun(N) ->
              io:format("~w|~b|~.2b|~.8b|~.16b|~.16B|~.36b|~.36B~n", [N, N, N, N, N, N, N, N]),
              io:format("  ~x|~.16x|~.16X|~.2X~n", [N, "p", N, "0x", N, '0X', N, "b"]),
              io:format("  ~#|~.16#|~.2+|~.36+~n", [N, N, N, N]),
              io:format("  [~20b][~-20.16B][~20.16.0X][~.16.*x]~n", [N, N, N, "#", $., N, "0x"])
      end, Nums),
    Big = 1 bsl 200,
    io:format("~p~n", [Big]),
    io:format("~w~n", [-Big]),
    io:format("~.16B~n", [Big - 1]),
    io:format("~p~n", [[Big, Big * 3, {Big}]]),
    io:format("~p~n", [lists:seq(1 bsl 60, (1 bsl 60) + 10)]),
    io:format("~10w|~-10w|~3w~n", [12345, -12345, 123456]),
    io:format("~10p|~n", [42]),
    io:format("~s~n", [integer_to_list(255, 16)]),
    io:format("~p~n", [[integer_to_list(-255, 2), integer_to_binary(1295, 36), list_to_integer("ff", 16), list_to_integer("-Zz", 36)]]),
    Fact = lists:foldl(fun(X, A) -> X * A end, 1, lists:seq(1, 60)),
    io:format("~p~n", [Fact]),
    io:format("~p~n", [{factorial, 60, Fact, Fact div 7}]),
    io:format("~b ~.16b~n", [Fact, Fact]),
    io:format("~c~c~c|~tc|~c~n", [72, 105, 33, 955, 955]),
    io:format("~p ~w~n", [$a, [$a]]),
    ok.
