%% Binaries and bit syntax: encode a small packet, decode it again, and walk a UTF-8 string.
%% Run: krarup run examples/binaries.erl
-module(binaries).
-export([main/0]).

%% Packet layout: version:4, flags:4, length:16 (big-endian), payload, checksum:8.
encode(Version, Flags, Payload) ->
    Len = byte_size(Payload),
    Body = <<Version:4, Flags:4, Len:16, Payload/binary>>,
    <<Body/binary, (checksum(Body)):8>>.

decode(<<Version:4, Flags:4, Len:16, Payload:Len/binary, Sum:8>> = Packet) ->
    Body = binary:part(Packet, 0, byte_size(Packet) - 1),
    case checksum(Body) of
        Sum -> {ok, Version, Flags, Payload};
        _ -> {error, bad_checksum}
    end;
decode(_) ->
    {error, malformed}.

checksum(Bin) -> lists:sum(binary_to_list(Bin)) rem 256.

main() ->
    Packet = encode(1, 2#0101, <<"hello">>),
    io:format("packet:  ~w~n", [Packet]),
    io:format("decoded: ~p~n", [decode(Packet)]),
    <<Head:3/binary, _/binary>> = Packet,
    io:format("damaged: ~p~n", [decode(<<Head/binary, "jello", 0>>)]),
    io:format("short:   ~p~n", [decode(<<1, 2>>)]),
    Text = <<"naïve café"/utf8>>,
    io:format("~ts has ~p bytes and ~p characters~n",
              [Text, byte_size(Text), length([C || <<C/utf8>> <= Text])]).
