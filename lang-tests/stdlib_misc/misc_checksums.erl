-module(misc_checksums).
-export([main/0]).

%% erlang:crc32/1,2, crc32_combine/3, adler32/1,2, adler32_combine/3, md5/1 and the md5
%% context functions, with iodata arguments and bad ones.
t(F) ->
    try F() of
        V -> V
    catch
        C:R -> {C, R}
    end.

main() ->
    Data = [<<>>, <<"a">>, "abc", [<<"ab">>, $c], <<"The quick brown fox">>,
            binary:copy(<<"xyz">>, 1000), [[], [[<<1,2>>]], 255]],
    [io:format("crc32 ~w adler32 ~w md5 ~w~n",
               [erlang:crc32(D), erlang:adler32(D), erlang:md5(D)]) || D <- Data],
    C1 = erlang:crc32(<<"hello ">>),
    C2 = erlang:crc32(<<"world">>),
    io:format("~w ~w ~w~n", [erlang:crc32(C1, <<"world">>), erlang:crc32_combine(C1, C2, 5),
                             erlang:crc32(<<"hello world">>)]),
    A1 = erlang:adler32(<<"hello ">>),
    A2 = erlang:adler32(<<"world">>),
    io:format("~w ~w ~w~n", [erlang:adler32(A1, <<"world">>),
                             erlang:adler32_combine(A1, A2, 5),
                             erlang:adler32(<<"hello world">>)]),
    io:format("~w ~w~n", [erlang:crc32_combine(0, 0, 0), erlang:adler32_combine(1, 1, 0)]),
    Big = binary:copy(<<"0123456789">>, 10000),
    io:format("~w ~w~n", [erlang:adler32_combine(erlang:adler32(Big), erlang:adler32(Big),
                                                 byte_size(Big)),
                          erlang:adler32(<<Big/binary, Big/binary>>)]),
    Ctx0 = erlang:md5_init(),
    Ctx1 = erlang:md5_update(Ctx0, "hello "),
    Ctx2 = erlang:md5_update(Ctx1, [<<"wor">>, "ld"]),
    io:format("~w~n~w~n", [erlang:md5_final(Ctx2), erlang:md5(<<"hello world">>)]),
    io:format("~w~n", [erlang:md5_final(erlang:md5_init())]),
    Bad = [fun() -> erlang:crc32(a) end,
           fun() -> erlang:crc32([256]) end,
           fun() -> erlang:crc32(<<1:3>>) end,
           fun() -> erlang:crc32(-1, <<"a">>) end,
           fun() -> erlang:crc32(1 bsl 32, <<"a">>) end,
           fun() -> erlang:crc32(x, <<"a">>) end,
           fun() -> erlang:crc32_combine(1, 2, -1) end,
           fun() -> erlang:crc32_combine(a, 2, 1) end,
           fun() -> erlang:adler32([a]) end,
           fun() -> erlang:adler32(1 bsl 32, "a") end,
           fun() -> erlang:adler32_combine(1, 2, x) end,
           fun() -> erlang:md5(1) end,
           fun() -> erlang:md5_update(erlang:md5_init(), a) end],
    [io:format("~p~n", [t(F)]) || F <- Bad],
    ok.
