-module(bin_hex_patterns).
-export([main/0]).

%% binary:encode_hex/1, decode_hex/1, compile_pattern/1 (used by match, matches, split and
%% replace) and referenced_byte_size/1, with their errors.
t(F) ->
    try F() of
        V -> V
    catch
        C:R -> {C, R}
    end.

main() ->
    [io:format("~p ~p~n", [binary:encode_hex(B), binary:decode_hex(binary:encode_hex(B))])
     || B <- [<<>>, <<0>>, <<1, 171, 255>>, <<"hello">>]],
    io:format("~p~n", [[binary:decode_hex(H) || H <- [<<"aB">>, <<"ff00">>, <<"7A7a">>]]]),
    [io:format("~p~n", [t(F)])
     || F <- [fun() -> binary:encode_hex("ab") end,
              fun() -> binary:encode_hex(<<1:4>>) end,
              fun() -> binary:decode_hex(<<"abc">>) end,
              fun() -> binary:decode_hex(<<"zz">>) end,
              fun() -> binary:decode_hex(<<"0x">>) end,
              fun() -> binary:decode_hex([]) end]],
    One = binary:compile_pattern(<<"ab">>),
    Many = binary:compile_pattern([<<"ab">>, <<"c">>]),
    Subject = <<"xxabyycabzz">>,
    io:format("~p ~p~n", [binary:match(Subject, One), binary:match(Subject, Many)]),
    io:format("~p ~p~n", [binary:matches(Subject, One), binary:matches(Subject, Many)]),
    io:format("~p~n", [binary:matches(Subject, Many, [{scope, {3, 6}}])]),
    io:format("~p ~p~n", [binary:split(Subject, One), binary:split(Subject, Many, [global])]),
    io:format("~p~n", [binary:replace(Subject, Many, <<"-">>, [global])]),
    io:format("~p~n", [binary:match(<<"none">>, One)]),
    [io:format("~p~n", [t(F)])
     || F <- [fun() -> binary:compile_pattern(<<>>) end,
              fun() -> binary:compile_pattern([]) end,
              fun() -> binary:compile_pattern([<<"a">>, <<>>]) end,
              fun() -> binary:compile_pattern(a) end,
              fun() -> binary:compile_pattern("ab") end]],
    Large = binary:copy(<<"abcd">>, 100),
    Part = binary:part(Large, 10, 20),
    LargePart = binary:part(Large, 10, 100),
    io:format("~p ~p ~p ~p~n", [binary:referenced_byte_size(Large),
                             binary:referenced_byte_size(Part),
                             binary:referenced_byte_size(LargePart),
                             binary:referenced_byte_size(<<"small">>)]),
    io:format("~p~n", [t(fun() -> binary:referenced_byte_size(abc) end)]),
    ok.
