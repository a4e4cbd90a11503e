-module(sl_bitsyntax).
-export([main/0]).

main() ->
    A = 300, B = -2, F = 1.5,
    show(<<A>>),
    show(<<A:16>>),
    show(<<A:16/little>>),
    show(<<A:16/big>>),
    show(<<B:8>>),
    show(<<B:16/signed>>),
    show(<<B:16/little-signed>>),
    show(<<A:12, 5:4>>),
    show(<<1:1, 0:1, 1:1>>),
    show(<<F/float>>),
    show(<<F:32/float>>),
    show(<<F:64/float-little>>),
    show(<<"abc">>),
    show(<<"abc", 0, "de">>),
    show(<<"é"/utf8>>),
    show(<<"é">>),
    show(<<$a/utf16>>),
    show(<<16#1F600/utf8>>),
    show(<<16#1F600/utf16>>),
    show(<<16#1F600/utf32-little>>),
    Bin = <<1, 2, 3, 4, 5>>,
    show(<<Bin/binary, 6>>),
    show(<<Bin:2/binary>>),
    show(<<Bin:3/bytes, 9:4>>),
    Bits = <<5:3>>,
    show(<<Bits/bits, Bits/bitstring>>),
    show(<<7:4/unit:2>>),
    show(<<3:2/unit:8>>),
    show(<<1:64>>),
    show(<<(1 bsl 70):72>>),
    show(<<-1:72/signed>>),
    show(<<255:4>>),
    show(<<>>),
    show(<<(-1):8/unsigned>>),
    show(<<1.0e300/float>>),
    show(<<0.0:32/float>>),
    %% matching
    <<X:16, Rest/binary>> = <<1, 2, 3, 4>>,
    io:format("X ~p Rest ~p~n", [X, Rest]),
    <<S:8/signed, U:8/unsigned, L:16/little>> = <<255, 255, 1, 2>>,
    io:format("S ~p U ~p L ~p~n", [S, U, L]),
    <<Fl:32/float, Fd:64/float>> = <<2.5:32/float, -0.125:64/float>>,
    io:format("floats ~p ~p~n", [Fl, Fd]),
    <<Len:8, Payload:Len/binary, Tail/bits>> = <<3, "xyz", 1:2>>,
    io:format("len ~p payload ~p tail ~p~n", [Len, Payload, Tail]),
    <<C1/utf8, C2/utf8, More/binary>> = <<"ñ€!"/utf8>>,
    io:format("utf8 ~p ~p ~p~n", [C1, C2, More]),
    <<W1/utf16, W2/utf16-little>> = <<16#10437/utf16, 16#41/utf16-little>>,
    io:format("utf16 ~p ~p~n", [W1, W2]),
    <<Q:4/unit:4, _/bits>> = <<16#ABCD:16>>,
    io:format("unit ~p~n", [Q]),
    <<Sg:4/signed, Ug:4>> = <<16#F7>>,
    io:format("nibbles ~p ~p~n", [Sg, Ug]),
    <<Big:100>> = <<(1 bsl 99 + 12345):100>>,
    io:format("big ~p~n", [Big]),
    <<NegBig:80/signed-little>> = <<(-(1 bsl 70)):80/little>>,
    io:format("negbig ~p~n", [NegBig]),
    io:format("parse ~p~n", [parse_tlv(<<1, 2, "hi", 2, 1, 7, 3, 0>>)]),
    io:format("bits ~p~n", [to_bits(<<2#10110011, 2#1:1>>)]),
    io:format("match fail ~p~n", [catch_match(<<1, 2>>)]),
    io:format("match fail ~p~n", [catch_match(<<1, 2, 3>>)]),
    io:format("float nan match ~p~n", [float_match(<<16#7FF8000000000000:64>>)]),
    io:format("float ok match ~p~n", [float_match(<<1.0:64/float>>)]),
    io:format("sizes ~p ~p ~p ~p~n", [byte_size(<<1:9>>), bit_size(<<1:9>>), byte_size(<<>>), bit_size(<<"abc">>)]),
    io:format("split ~p~n", [split_at(<<"hello world">>, $\s)]),
    io:format("binary_to_list ~p~n", [binary_to_list(<<"abc">>)]),
    io:format("bitstring_to_list ~p~n", [bitstring_to_list(<<1, 2, 3:3>>)]),
    io:format("list_to_binary ~p~n", [list_to_binary([1, [2, <<3, 4>>], "ab"])]),
    io:format("iolist ~p ~p~n", [iolist_size([<<1, 2>>, [3, [4]]]), iolist_to_binary([<<"a">>, "b", [$c]])]),
    io:format("equal ~p ~p~n", [<<1:8>> =:= <<1>>, <<0:1>> < <<1>>]),
    Size = 5,
    <<Field:Size/binary-unit:1, _/bits>> = <<255, 0>>,
    io:format("unit1 ~p~n", [Field]),
    io:format("var sizes ~p~n", [[<<V:N>> || {V, N} <- [{1, 1}, {3, 2}, {300, 9}, {-1, 3}]]]),
    ok.

show(B) -> io:format("~w ~p~n", [B, bit_size(B)]).

parse_tlv(<<>>) -> [];
parse_tlv(<<T:8, L:8, V:L/binary, R/binary>>) -> [{T, V} | parse_tlv(R)];
parse_tlv(Other) -> [{junk, Other}].

to_bits(<<>>) -> [];
to_bits(<<B:1, R/bits>>) -> [B | to_bits(R)].

catch_match(Bin) ->
    try
        <<A:8, B:8>> = Bin,
        {A, B}
    catch
        error:{badmatch, V} -> {badmatch, V}
    end.

float_match(<<F:64/float>>) -> {float, F};
float_match(<<I:64>>) -> {not_float, I}.

split_at(Bin, Ch) -> split_at(Bin, Ch, <<>>).
split_at(<<Ch, Rest/binary>>, Ch, Acc) -> {Acc, Rest};
split_at(<<C, Rest/binary>>, Ch, Acc) -> split_at(Rest, Ch, <<Acc/binary, C>>);
split_at(<<>>, _, Acc) -> {Acc, <<>>}.
