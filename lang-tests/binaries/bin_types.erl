-module(bin_types).
-export([main/0]).

%% Round trips through every integer size from 1 to 64 bits, signed and unsigned, both endiannesses.
roundtrip(Size) ->
    Max = (1 bsl Size) - 1,
    Min = -(1 bsl (Size - 1)),
    <<U:Size/unsigned-big>> = <<Max:Size/big>>,
    <<S:Size/signed-little>> = <<Min:Size/little>>,
    <<W:Size>> = <<-1:Size>>,
    {U =:= Max, S =:= Min, W =:= Max}.

main() ->
    io:format("~p~n", [lists:usort([roundtrip(S) || S <- lists:seq(1, 64)])]),
    io:format("~p~n", [[<<X:S>> || {X, S} <- [{5, 3}, {300, 9}, {-2, 7}, {1 bsl 40, 41}]]]),
    io:format("~p~n", [<<1.5:16/float, -2.0:16/float-little>>]),
    <<H1:16/float, H2:16/float-little>> = <<1.5:16/float, -2.0:16/float-little>>,
    io:format("~p ~p~n", [H1, H2]),
    io:format("~p~n", [<<16#0102030405060708:64/little>>]),
    <<A:12, B:12, C:8>> = <<1, 2, 3, 4>>,
    io:format("~p ~p ~p~n", [A, B, C]),
    Size = 3,
    <<Part:Size/binary, Rest/bits>> = <<"abcdef", 1:3>>,
    io:format("~p ~p~n", [Part, Rest]),
    io:format("~p~n", [<<<<1:1>>/bits, <<0:1>>/bits, <<1:1>>/bitstring>>]),
    io:format("~p~n", [[X || <<X:5>> <= <<255, 255, 255, 255, 255>>]]),
    io:format("~p~n", [<< <<(X + 1):5>> || <<X:5>> <= <<0:40>> >>]).
