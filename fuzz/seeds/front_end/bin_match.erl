-module(bin_match).
-export([main/0]).

parse(<<Type:8, Len:16, Payload:Len/binary, Rest/binary>>) ->
    {Type, Payload, Rest};
parse(_) ->
    bad.

main() ->
    io:format("~p~n", [parse(<<7, 0, 3, "abcdef">>)]),
    io:format("~p~n", [parse(<<7, 0, 9, "abc">>)]),
    <<A:4, B:4, C/binary>> = <<16#AB, 1, 2>>,
    io:format("~p ~p ~p~n", [A, B, C]),
    <<S:16/signed, U:16/unsigned, L:16/little>> = <<255, 254, 255, 254, 1, 2>>,
    io:format("~p ~p ~p~n", [S, U, L]),
    <<F:32/float, D:64/float>> = <<1.25:32/float, -2.5:64/float>>,
    io:format("~p ~p~n", [F, D]),
    <<Bits:3/bits, Tail/bits>> = <<2#10110000, 1>>,
    io:format("~p ~p~n", [Bits, Tail]),
    <<X:2/binary-unit:8, _/binary>> = <<"hello">>,
    io:format("~p~n", [X]),
    <<"GET ", Path/binary>> = <<"GET /index.html">>,
    io:format("~p~n", [Path]),
    <<Big:72>> = <<1, 0, 0, 0, 0, 0, 0, 0, 0>>,
    io:format("~p~n", [Big]),
    <<Neg:24/signed-little>> = <<0, 0, 128>>,
    io:format("~p~n", [Neg]),
    case <<1, 2, 3>> of
        <<1, Two, 3>> -> io:format("two=~p~n", [Two]);
        _ -> io:format("nomatch~n")
    end,
    io:format("~p~n", [[split(<<"a,b,,c">>, <<>>, [])]]).

split(<<>>, Cur, Acc) -> lists:reverse([Cur | Acc]);
split(<<$,, Rest/binary>>, Cur, Acc) -> split(Rest, <<>>, [Cur | Acc]);
split(<<C, Rest/binary>>, Cur, Acc) -> split(Rest, <<Cur/binary, C>>, Acc).
