-module(stdlib_unicode_norm).
-export([main/0]).

%% unicode:characters_to_nf{c,d,kc,kd}_{list,binary}/1, bom_to_encoding/1,
%% encoding_to_bom/1, string:list_to_integer/1 and string:list_to_float/1.
t(F) ->
    try F() of
        V -> V
    catch
        C:R -> {C, R}
    end.

main() ->
    Inputs = ["abc", [101, 769], [233], <<"e\x{301}"/utf8>>, <<"ﬁ"/utf8>>,
              [<<"Å"/utf8>>, "Å", [8491]], "ｶﾞ", [<<"a">>, <<255>>], <<"a", 204>>,
              [a], atom, [97, <<"x", 255>>], [<<"a">>, <<255>>, "bc"],
              [[<<"a">>, <<255, 1>>], "bc"]],
    Funs = [characters_to_nfc_list, characters_to_nfc_binary, characters_to_nfd_list,
            characters_to_nfd_binary, characters_to_nfkc_list, characters_to_nfkc_binary,
            characters_to_nfkd_list, characters_to_nfkd_binary],
    [io:format("~p(~w) = ~w~n", [F, I, t(fun() -> unicode:F(I) end)])
     || F <- Funs, I <- Inputs],
    [io:format("~w ~w~n", [B, t(fun() -> unicode:bom_to_encoding(B) end)])
     || B <- [<<239, 187, 191, 1>>, <<254, 255>>, <<255, 254>>, <<255, 254, 0, 0>>,
              <<0, 0, 254, 255>>, <<1>>, <<>>, "abc"]],
    [io:format("~w ~w~n", [E, t(fun() -> unicode:encoding_to_bom(E) end)])
     || E <- [utf8, unicode, utf16, {utf16, big}, {utf16, little}, utf32, {utf32, big},
              {utf32, little}, latin1, x, {utf8, big}]],
    [io:format("~w ~w ~w~n", [S, string:list_to_integer(S), string:list_to_float(S)])
     || S <- ["+5", " 5", "-", "+1.5", "1.", "1.5e", "1.5e+", "1.5E-2x", "007", "1.5.3",
              [$1, a], [$1 | $2], "-0.0", "99999999999999999999999x", "1.0e400", "-12abc",
              "2.5e10 rest", "", abc, <<"1">>]],
    ok.
