%% Binaries built in guards: constant ones (every segment type and option) and ones built from
%% bound variables; a segment that cannot be built makes the guard fail, not raise.
-module(guard_binaries).
-export([main/0]).

f(X) when X =:= <<2,3>> -> two_three;
f(X) when X == <<"abc">> -> abc;
f(X) when X =:= <<>> -> empty;
f(X) when is_binary(X), X =/= <<1:4>>, byte_size(X) > 2 -> big;
f(<<1:4>> = X) when X =:= <<16#1:4>> -> nibble;
f(X) when X =:= {<<"t">>, [<<1,2>>]} -> nested;
f(X) when X =:= <<"é"/utf8>> -> utf8;
f(X) when X =:= <<256:16/little>> -> little;
f(X) when X =:= <<-1:8/signed>> -> signed;
f(X) when X =:= <<"ab"/utf16>> -> utf16;
f(X) when X =:= <<1.5:32/float>> -> float32;
f(_) -> other.

g(X) -> if X =:= <<"yes">> -> yes; X > <<"m">> -> after_m; true -> no end.

h(X) -> [Y || Y <- X, Y =/= <<"skip">>].

%% Built from variables: sizes, binaries, bad segments.
v(B, N, S) when B =:= <<N:S>> -> {sized, S};
v(B, N, _) when B =:= <<N/binary, 0>> -> with_zero;
v(B, N, _) when B =:= <<N:8, N:8>> -> twice;
v(B, N, _) when byte_size(<<B/binary, N:8>>) > 3 -> long;
v(_, _, _) -> nomatch.

main() ->
    io:format("~p~n", [[f(<<2,3>>), f(<<"abc">>), f(<<>>), f(<<9,9,9>>), f(<<1:4>>),
                        f({<<"t">>, [<<1,2>>]}), f(<<"é"/utf8>>), f(<<0,1>>), f(<<255>>),
                        f(<<0,$a,0,$b>>), f(<<1.5:32/float>>), f(<<1>>), f(x)]]),
    io:format("~p~n", [[g(<<"yes">>), g(<<"zz">>), g(<<"a">>)]]),
    io:format("~p~n", [h([<<"a">>, <<"skip">>, <<"b">>])]),
    io:format("~p~n", [[v(<<5:4>>, 5, 4), v(<<1,2,0>>, <<1,2>>, x), v(<<7,7>>, 7, x),
                        v(<<1,2,3>>, 9, x), v(<<1,2,3>>, atom, x), v(<<1>>, <<1>>, -1),
                        v(<<1,2>>, 1, 8)]]),
    case <<1,2,3>> of
        B when B =:= <<1,2,3>>, B =/= <<"x">> -> io:format("case ~p~n", [B])
    end.
