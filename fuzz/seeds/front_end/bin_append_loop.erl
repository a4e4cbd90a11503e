%% Appending to a binary in a loop (amortised in place) must keep every
%% older version unchanged: forks from old versions, appends of bits,
%% appends to sub-binaries, and versions kept across many appends.
-module(bin_append_loop).
-export([main/0]).

loop(0, Acc, Kept) -> {Acc, lists:reverse(Kept)};
loop(N, Acc, Kept) ->
    Next = <<Acc/binary, (N rem 256):8>>,
    Kept1 = case N rem 20000 of 0 -> [Next | Kept]; _ -> Kept end,
    loop(N - 1, Next, Kept1).

words(0, Acc) -> Acc;
words(N, Acc) -> words(N - 1, <<Acc/binary, N:32, "ab">>).

bits(0, Acc) -> Acc;
bits(N, Acc) -> bits(N - 1, <<Acc/bitstring, (N rem 8):3>>).

show(Name, B) when is_binary(B) ->
    io:format("~s: ~p bytes, first ~p, last ~p, hash ~p~n",
              [Name, byte_size(B), binary:first(B), binary:last(B), erlang:phash2(B)]);
show(Name, B) ->
    io:format("~s: ~p bits, hash ~p~n", [Name, bit_size(B), erlang:phash2(B)]).

main() ->
    {Big, Kept} = loop(100000, <<>>, []),
    show("big", Big),
    [show("kept", K) || K <- Kept],
    [_, _, K1 | _] = Kept,
    ForkA = <<K1/binary, "fork a">>,
    ForkB = <<K1/binary, "fork b">>,
    ForkA2 = <<ForkA/binary, 1, 2, 3>>,
    show("forka", ForkA), show("forkb", ForkB), show("forka2", ForkA2),
    show("k1 again", K1),
    io:format("~p ~p~n", [binary:part(ForkA, byte_size(ForkA), -6),
                          binary:part(ForkB, byte_size(ForkB), -6)]),
    W = words(20000, <<"start">>),
    show("words", W),
    Bits = bits(30000, <<>>),
    show("bits", Bits),
    Mixed = <<W/binary, Bits/bitstring>>,
    show("mixed", Mixed),
    <<_:1000/binary, Sub/binary>> = Big,
    S2 = <<Sub/binary, 9>>,
    S3 = <<Sub/binary, 8>>,
    show("sub", Sub), show("s2", S2), show("s3", S3),
    show("big again", Big),
    Self = <<Big/binary, Big/binary>>,
    show("self", Self),
    Msg = self() ! {bin, Big},
    receive {bin, Got} -> show("received", <<Got/binary, 1>>) end,
    show("sent", element(2, Msg)),
    show("big at end", <<Big/binary, 0>>),
    ok.
