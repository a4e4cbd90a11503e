-module(bin_bifs).
-export([main/0]).

main() ->
    B = <<"hello world">>,
    io:format("~p~n", [[byte_size(B), binary_part(B, 6, 5), binary:part(B, {0, 5})]]),
    io:format("~p~n", [[binary_to_list(B, 1, 3), list_to_binary(["ab", $c, <<"de">>]), iolist_to_binary([<<"x">>, "y", [$z]])]]),
    io:format("~p~n", [[iolist_size(["ab", <<"cd">>, $e]), term_to_binary(ok)]]),
    io:format("~p~n", [binary_to_term(term_to_binary({a, [1, 2], <<"b">>, 3.5, -7, 1 bsl 80}))]),
    io:format("~p~n", [binary:split(<<"a-b-c">>, <<"-">>)]),
    io:format("~p~n", [binary:split(<<"a-b-c">>, <<"-">>, [global])]),
    io:format("~p~n", [binary:match(<<"abcabc">>, <<"ca">>)]),
    io:format("~p~n", [binary:replace(<<"aXbXc">>, <<"X">>, <<"--">>, [global])]),
    io:format("~p~n", [[binary:first(B), binary:last(B), binary:at(B, 4)]]),
    io:format("~p~n", [binary:copy(<<"ab">>, 3)]),
    io:format("~p~n", [[binary:decode_unsigned(<<1, 0>>), binary:encode_unsigned(65536)]]),
    io:format("~p~n", [bitstring_to_list(<<1, 2, 3:4>>)]),
    io:format("~p~n", [list_to_bitstring([<<1>>, <<2:3>>])]),
    io:format("~p~n", [split_binary(B, 5)]),
    io:format("~p~n", [binary:bin_to_list(<<"xyz">>)]).
