-module(bin_utf8).
-export([main/0]).

decode(<<>>) -> [];
decode(<<C/utf8, Rest/binary>>) -> [C | decode(Rest)].

decode16(<<>>) -> [];
decode16(<<C/utf16-little, Rest/binary>>) -> [C | decode16(Rest)].

main() ->
    B = <<"héllo €"/utf8>>,
    io:format("~p~n", [B]),
    io:format("~p~n", [decode(B)]),
    io:format("~p~n", [byte_size(B)]),
    U16 = <<"a€"/utf16-little>>,
    io:format("~p~n", [U16]),
    io:format("~p~n", [decode16(U16)]),
    io:format("~p~n", [<<16#1F600/utf8>>]),
    <<Cp/utf8>> = <<240, 159, 152, 128>>,
    io:format("~p~n", [Cp]),
    io:format("~p~n", [case <<255, 1>> of <<_/utf8, _/binary>> -> valid; _ -> invalid end]),
    io:format("~p~n", [unicode:characters_to_list(<<"ÿ€"/utf8>>)]).
