-module(bin_construct).
-export([main/0]).

main() ->
    io:format("~p~n", [<<1, 2, 3>>]),
    io:format("~p~n", [<<"abc">>]),
    io:format("~p~n", [<<>>]),
    io:format("~p~n", [<<1:1, 0:1, 1:6>>]),
    io:format("~p~n", [<<258:16>>]),
    io:format("~p~n", [<<258:16/little>>]),
    io:format("~p~n", [<<-1:8/signed, -1:16/signed-big>>]),
    io:format("~p~n", [<<1:4>>]),
    io:format("~p~n", [<<1:3, 7:5, 255:9>>]),
    io:format("~p~n", [<<1.5/float>>]),
    io:format("~p~n", [<<1.5:32/float>>]),
    io:format("~p~n", [<<1.5:64/float-little>>]),
    X = <<"hi">>,
    io:format("~p~n", [<<X/binary, " there", X/bits>>]),
    io:format("~p~n", [<<3:2/unit:8>>]),
    io:format("~p~n", [<<"abc"/utf8, 8364/utf8, 8364/utf16, 8364/utf32-little>>]),
    io:format("~p~n", [<<(1 bsl 70):72>>]),
    io:format("~p~n", [<<256:8, -300:16>>]),
    io:format("~p~n", [[byte_size(<<1:9>>), bit_size(<<1:9>>), is_binary(<<1:9>>), is_bitstring(<<1:9>>)]]),
    io:format("~p~n", [<<<<"x">>/binary, (list_to_binary([1, [2, <<3>>], 4]))/binary>>]),
    Size = 12,
    io:format("~p~n", [<<4095:Size, 0:(16 - Size)>>]).
