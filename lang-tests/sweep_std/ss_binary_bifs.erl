-module(ss_binary_bifs).
-export([main/0]).

t(F) ->
    try F() of
        V -> V
    catch
        C:R -> {caught, C, R}
    end.

p(Label, F) -> io:format("~s: ~p~n", [Label, t(F)]).

main() ->
    B = <<"hello, world">>,
    p("binary_part", fun() -> [binary_part(B, 0, 5), binary_part(B, {7, 5}), binary_part(B, 12, -5)] end),
    p("binary_part oob", fun() -> binary_part(B, 10, 5) end),
    p("binary_part neg", fun() -> binary_part(B, -1, 2) end),
    p("split_binary", fun() -> [split_binary(B, 5), split_binary(B, 0), split_binary(B, 12)] end),
    p("split_binary oob", fun() -> split_binary(B, 13) end),
    p("binary:first/last", fun() -> [binary:first(B), binary:last(B), binary:at(B, 4)] end),
    p("binary:first empty", fun() -> binary:first(<<>>) end),
    p("binary:at oob", fun() -> binary:at(B, 12) end),
    p("binary:split", fun() -> [binary:split(B, <<", ">>), binary:split(<<"a-b-c">>, <<"-">>, [global]),
                                binary:split(<<"-a-">>, <<"-">>, [global, trim])] end),
    p("binary:replace", fun() -> [binary:replace(B, <<"o">>, <<"0">>), binary:replace(B, <<"o">>, <<"0">>, [global])] end),
    p("binary:match", fun() -> [binary:match(B, <<"world">>), binary:match(B, <<"xyz">>), binary:matches(B, <<"l">>)] end),
    p("binary:copy", fun() -> binary:copy(<<"ab">>, 3) end),
    p("binary:bin_to_list", fun() -> [binary:bin_to_list(B, 0, 4), binary:list_to_bin([$a, <<"b">>])] end),
    p("binary:encode_unsigned", fun() -> [binary:encode_unsigned(256), binary:decode_unsigned(<<1, 0>>),
                                          binary:encode_unsigned(1, little)] end),
    p("binary:part", fun() -> binary:part(B, 1, 3) end),
    p("binary:longest_common_prefix", fun() -> binary:longest_common_prefix([<<"abcx">>, <<"abcy">>, <<"ab">>]) end),
    p("bitstring ops", fun() -> [bit_size(<<1:3, 2:7>>), byte_size(<<1:3, 2:7>>),
                                 is_binary(<<1:8>>), is_binary(<<1:7>>)] end),
    p("list_to_binary nested", fun() -> list_to_binary([[[], [[]]], <<>>]) end),
    p("binary_to_list empty", fun() -> binary_to_list(<<>>) end),
    p("concat", fun() -> <<B/binary, "!", 0, 255>> end),
    p("comprehension", fun() -> << <<(X + 1)>> || <<X>> <= <<"HAL">> >> end),
    p("list comp over bin", fun() -> [X || <<X:4>> <= <<16#12, 16#34>>] end),
    p("integer_to_binary base", fun() -> [integer_to_binary(X, 2) || X <- [0, 5, -5]] end),
    p("binary compare", fun() -> [<<1>> < <<1, 0>>, <<2>> > <<1, 255>>, <<>> < <<0>>, lists:sort([<<"b">>, <<"a">>, <<"ab">>])] end),
    p("atom_to_binary roundtrip", fun() -> binary_to_atom(atom_to_binary('some atom'), utf8) end),
    p("term_to_binary compressed", fun() ->
                                           T = lists:duplicate(100, x),
                                           binary_to_term(term_to_binary(T, [compressed])) =:= T
                                   end),
    p("external size", fun() -> [byte_size(term_to_binary(a)), byte_size(term_to_binary(1)),
                                 byte_size(term_to_binary("abc")), byte_size(term_to_binary(<<1, 2>>))] end),
    p("term_to_binary", fun() -> [term_to_binary([]), term_to_binary(1.5), term_to_binary(-1), term_to_binary(300),
                                  term_to_binary("abc"), term_to_binary([a]), term_to_binary(#{a => 1})] end),
    ok.
