%% string: OTP 25's string module, both the chardata API (length, slice,
%% pad, trim, split, lexemes, find, replace, ...) and the old list API
%% (tokens, substr, left, strip, ...).
%%
%% Difference from OTP: there is no full Unicode grapheme segmentation. A
%% "grapheme" here is one code point followed by any combining marks
%% (U+0300..U+036F and similar blocks), or the pair "\r\n". Case mapping
%% covers ASCII, Latin-1, Latin Extended-A, basic Greek and Cyrillic, plus
%% the one-to-many Latin mappings (sharp s, ligatures). equal/4 does no
%% normalization. Functions given a binary return binaries where OTP
%% does; deep chardata is flattened to a list of code points (OTP keeps
%% parts of the input's shape). Errors on non-chardata follow OTP's
%% reasons for the common cases (function_clause, {badmatch, S} from the
%% search functions, {badarg, S} from the case functions).
-module(string).
-compile({no_auto_import, [length/1]}).

-export([length/1, is_empty/1, equal/2, equal/3, equal/4, slice/2, slice/3,
         pad/2, pad/3, pad/4, trim/1, trim/2, trim/3, chomp/1, take/2, take/3,
         take/4, split/2, split/3, lexemes/2, nth_lexeme/3, find/2, find/3,
         replace/3, replace/4, prefix/2, reverse/1, to_graphemes/1,
         next_grapheme/1, next_codepoint/1, uppercase/1, lowercase/1,
         titlecase/1, casefold/1, to_integer/1, to_float/1]).

-export([len/1, concat/2, chr/2, rchr/2, str/2, rstr/2, span/2, cspan/2,
         substr/2, substr/3, tokens/2, chars/2, chars/3, copies/2, words/1,
         words/2, sub_word/2, sub_word/3, strip/1, strip/2, strip/3, left/2,
         left/3, right/2, right/3, centre/2, centre/3, sub_string/2,
         sub_string/3, to_upper/1, to_lower/1, join/2]).

-export([list_to_integer/1, list_to_float/1]).
-compile({no_auto_import, [list_to_integer/1, list_to_float/1]}).

%% ---------------------------------------------------------------------
%% Helpers: code points, graphemes, result shape

cps(S) when is_binary(S) ->
    case unicode:characters_to_list(S) of
        L when is_list(L) -> L;
        _ -> erlang:error(badarg, [S])
    end;
cps(S) when is_list(S) -> deep_cps(S, []).

%% deep_cps(Chardata, Tail): like OTP, integers in a list are taken as
%% they are (no range check); any other element is a function_clause.
deep_cps([C | Cs], Tail) when is_integer(C) -> [C | deep_cps(Cs, Tail)];
deep_cps([L | Cs], Tail) when is_list(L) -> deep_cps(L, deep_cps(Cs, Tail));
deep_cps([B | Cs], Tail) when is_binary(B) -> cps(B) ++ deep_cps(Cs, Tail);
deep_cps([], Tail) -> Tail;
deep_cps(Other, _Tail) -> erlang:error(function_clause, [Other]).

%% OTP's search functions match their subject first: a non-chardata
%% subject is a badmatch there, a bad pattern a badarg.
subject(S) when is_list(S); is_binary(S) -> cps(S);
subject(S) -> erlang:error({badmatch, S}).

pattern(P) when is_binary(P) -> cps(P);
pattern(P) when is_list(P) ->
    try deep_cps(P, [])
    catch error:function_clause -> erlang:error(badarg)
    end;
pattern(_P) -> erlang:error(badarg).

%% back(Original, CodePoints): binaries in, binaries out.
back(Orig, L) when is_binary(Orig) -> unicode:characters_to_binary(L);
back(_Orig, L) -> L.

graphemes(S) -> graphemes_1(cps(S)).

graphemes_1([]) -> [];
graphemes_1(L) ->
    {G, Rest} = next_gc(L),
    [G | graphemes_1(Rest)].

%% next_gc(CodePoints) -> {Grapheme, Rest}; Grapheme is a code point or a
%% list of code points. A simplified form of Unicode's extended grapheme
%% clusters: CR LF, Hangul syllable sequences, regional-indicator pairs,
%% extending and spacing marks (common blocks), and emoji joined by ZWJ.
next_gc([$\r, $\n | Rest]) -> {[$\r, $\n], Rest};
next_gc([C | Rest]) ->
    case extend(C, C, Rest, []) of
        {[], Rest1} -> {C, Rest1};
        {More, Rest1} -> {[C | More], Rest1}
    end.

%% extend(Base, Prev, Rest, Acc): take the code points that join the
%% cluster that starts with Base.
extend(Base, Prev, [N | Rest] = All, Acc) ->
    case joins(Base, Prev, N, Acc) of
        true -> extend(Base, N, Rest, [N | Acc]);
        false -> {lists:reverse(Acc, []), All}
    end;
extend(_Base, _Prev, [], Acc) -> {lists:reverse(Acc, []), []}.

joins(_Base, _Prev, N, _Acc) when N =:= $\r; N =:= $\n -> false;
joins(_Base, Prev, _N, _Acc) when Prev =:= $\r; Prev =:= $\n -> false;
joins(Base, 16#200D, N, Acc) ->
    %% in an emoji sequence only another pictograph follows a ZWJ
    case is_pictographic(Base) of
        true -> is_pictographic(N);
        false -> joins(Base, none, N, Acc)
    end;
joins(_Base, Prev, N, Acc) ->
    is_mark(N)
        orelse hangul_joins(hangul(Prev), hangul(N))
        orelse (is_ri(Prev) andalso is_ri(N) andalso Acc =:= []).

is_ri(C) -> C >= 16#1F1E6 andalso C =< 16#1F1FF.

is_pictographic(C) ->
    (C >= 16#1F000 andalso C =< 16#1FAFF andalso not (C >= 16#1F1E6 andalso C =< 16#1F1FF)
     andalso not (C >= 16#1F3FB andalso C =< 16#1F3FF)) orelse (C >= 16#2600 andalso C =< 16#27BF)
        orelse (C >= 16#2B00 andalso C =< 16#2BFF).

hangul(C) when C >= 16#1100, C =< 16#115F; C >= 16#A960, C =< 16#A97C -> l;
hangul(C) when C >= 16#1160, C =< 16#11A7; C >= 16#D7B0, C =< 16#D7C6 -> v;
hangul(C) when C >= 16#11A8, C =< 16#11FF; C >= 16#D7CB, C =< 16#D7FB -> t;
hangul(C) when C >= 16#AC00, C =< 16#D7A3 ->
    case (C - 16#AC00) rem 28 of
        0 -> lv;
        _ -> lvt
    end;
hangul(_) -> none.

hangul_joins(l, N) -> N =:= l orelse N =:= v orelse N =:= lv orelse N =:= lvt;
hangul_joins(P, N) when P =:= lv; P =:= v -> N =:= v orelse N =:= t;
hangul_joins(P, N) when P =:= lvt; P =:= t -> N =:= t;
hangul_joins(_, _) -> false.

%% Extending and spacing marks of the common scripts, ZWJ, variation
%% selectors and emoji modifiers.
is_mark(C) when C >= 16#300, C =< 16#36F -> true;
is_mark(C) when C >= 16#483, C =< 16#489 -> true;
is_mark(C) when C >= 16#591, C =< 16#5BD -> true;
is_mark(C) when C >= 16#610, C =< 16#61A; C >= 16#64B, C =< 16#65F -> true;
is_mark(C) when C >= 16#900, C =< 16#903; C >= 16#93A, C =< 16#94F -> true;
is_mark(C) when C >= 16#951, C =< 16#957; C =:= 16#962; C =:= 16#963 -> true;
is_mark(C) when C =:= 16#E31; C >= 16#E33, C =< 16#E3A; C >= 16#E47, C =< 16#E4E -> true;
is_mark(C) when C >= 16#1AB0, C =< 16#1AFF -> true;
is_mark(C) when C >= 16#1DC0, C =< 16#1DFF -> true;
is_mark(C) when C >= 16#20D0, C =< 16#20FF -> true;
is_mark(C) when C >= 16#FE20, C =< 16#FE2F -> true;
is_mark(C) when C =:= 16#200C; C =:= 16#200D -> true;
is_mark(C) when C >= 16#FE00, C =< 16#FE0F -> true;
is_mark(C) when C >= 16#1F3FB, C =< 16#1F3FF -> true;
is_mark(C) when C >= 16#E0020, C =< 16#E007F -> true;
is_mark(_) -> false.

gc_cps(G) when is_integer(G) -> [G];
gc_cps(G) -> G.

flat_gcs(Gs) -> lists:append([gc_cps(G) || G <- Gs]).

whitespace() ->
    [[$\r, $\n], $\t, $\n, $\v, $\f, $\r, $\s, 16#85, 16#200E, 16#200F,
     16#2028, 16#2029].

%% ---------------------------------------------------------------------
%% The chardata API

length(S) -> erlang:length(graphemes(S)).

is_empty([]) -> true;
is_empty(<<>>) -> true;
is_empty([L | R]) -> is_empty(L) andalso is_empty(R);
is_empty(_) -> false.

equal(A, B) -> cps(A) =:= cps(B).

equal(A, B, false) -> equal(A, B);
equal(A, B, true) -> cps(casefold(A)) =:= cps(casefold(B)).

equal(A, B, IgnoreCase, _Norm) -> equal(A, B, IgnoreCase).

slice(S, Start) when is_integer(Start), Start >= 0 ->
    back(S, flat_gcs(drop(Start, graphemes(S)))).

slice(S, Start, Len) when is_integer(Start), Start >= 0, is_integer(Len), Len >= 0 ->
    back(S, flat_gcs(lists:sublist(drop(Start, graphemes(S)), Len)));
slice(S, Start, infinity) ->
    slice(S, Start).

drop(0, L) -> L;
drop(_, []) -> [];
drop(N, [_ | T]) -> drop(N - 1, T).

pad(S, Len) -> pad(S, Len, trailing, $\s).

pad(S, Len, Dir) -> pad(S, Len, Dir, $\s).

pad(S, Length, Dir, Char) when is_integer(Length) ->
    Size = erlang:max(0, Length - string:length(S)),
    case Dir of
        trailing -> [S | lists:duplicate(Size, Char)];
        leading -> [lists:duplicate(Size, Char), S];
        both ->
            Pre = lists:duplicate(Size div 2, Char),
            Post = case Size rem 2 of
                       1 -> [Char];
                       0 -> []
                   end,
            [Pre, S, Pre | Post]
    end.

trim(S) -> trim(S, both, whitespace()).

trim(S, Dir) -> trim(S, Dir, whitespace()).

trim(S, Dir, Seps) when is_list(Seps), Dir =:= leading;
                         is_list(Seps), Dir =:= trailing;
                         is_list(Seps), Dir =:= both ->
    Gs = graphemes(S),
    Gs1 = case Dir of
              leading -> trim_lead(Gs, Seps);
              trailing -> trim_trail(Gs, Seps);
              both -> trim_trail(trim_lead(Gs, Seps), Seps)
          end,
    back(S, flat_gcs(Gs1)).

trim_lead([G | Gs] = All, Seps) ->
    case is_sep(G, Seps) of
        true -> trim_lead(Gs, Seps);
        false -> All
    end;
trim_lead([], _Seps) -> [].

trim_trail(Gs, Seps) ->
    lists:reverse(trim_lead(lists:reverse(Gs), Seps), []).

is_sep(G, Seps) -> lists:member(G, Seps).

chomp(S) ->
    back(S, flat_gcs(trim_trail(graphemes(S), [$\n, [$\r, $\n]]))).

take(S, Seps) -> take(S, Seps, false, leading).

take(S, Seps, Complement) -> take(S, Seps, Complement, leading).

take(S, Seps, Complement, leading) ->
    Gs = graphemes(S),
    {A, B} = lists:splitwith(fun(G) -> is_sep(G, Seps) =/= Complement end, Gs),
    {back(S, flat_gcs(A)), back(S, flat_gcs(B))};
take(S, Seps, Complement, trailing) ->
    Gs = lists:reverse(graphemes(S)),
    {A, B} = lists:splitwith(fun(G) -> is_sep(G, Seps) =/= Complement end, Gs),
    {back(S, flat_gcs(lists:reverse(B))), back(S, flat_gcs(lists:reverse(A)))}.

split(S, Pattern) -> split(S, Pattern, leading).

split(S, Pattern, Where) ->
    L = subject(S),
    P = pattern(Pattern),
    case P of
        [] -> [S];
        _ ->
            Parts = case Where of
                        leading -> split_first(L, P, []);
                        trailing -> split_last(L, P);
                        all -> split_all(L, P, [], [])
                    end,
            [back(S, Part) || Part <- Parts]
    end.

split_first([], _P, Acc) -> [lists:reverse(Acc, [])];
split_first([C | Rest] = L, P, Acc) ->
    case lists:prefix(P, L) of
        true -> [lists:reverse(Acc, []), lists:nthtail(erlang:length(P), L)];
        false -> split_first(Rest, P, [C | Acc])
    end.

split_last(L, P) ->
    case last_match(L, P, 0, none) of
        none -> [L];
        Pos ->
            {Before, After} = lists:split(Pos, L),
            [Before, lists:nthtail(erlang:length(P), After)]
    end.

last_match([], _P, _I, Last) -> Last;
last_match([_ | Rest] = L, P, I, Last) ->
    case lists:prefix(P, L) of
        true -> last_match(lists:nthtail(erlang:length(P), L), P,
                           I + erlang:length(P), I);
        false -> last_match(Rest, P, I + 1, Last)
    end.

split_all([], _P, Cur, Acc) -> lists:reverse([lists:reverse(Cur, []) | Acc], []);
split_all([C | Rest] = L, P, Cur, Acc) ->
    case lists:prefix(P, L) of
        true -> split_all(lists:nthtail(erlang:length(P), L), P, [],
                          [lists:reverse(Cur, []) | Acc]);
        false -> split_all(Rest, P, [C | Cur], Acc)
    end.

lexemes(S, Seps) ->
    [back(S, flat_gcs(Lex)) || Lex <- lexemes_1(graphemes(S), Seps, [], [])].

lexemes_1([], _Seps, [], Acc) -> lists:reverse(Acc, []);
lexemes_1([], _Seps, Cur, Acc) -> lists:reverse([lists:reverse(Cur, []) | Acc], []);
lexemes_1([G | Gs], Seps, Cur, Acc) ->
    case is_sep(G, Seps) of
        true when Cur =:= [] -> lexemes_1(Gs, Seps, [], Acc);
        true -> lexemes_1(Gs, Seps, [], [lists:reverse(Cur, []) | Acc]);
        false -> lexemes_1(Gs, Seps, [G | Cur], Acc)
    end.

nth_lexeme(S, N, Seps) when is_integer(N), N > 0 ->
    case drop(N - 1, lexemes(S, Seps)) of
        [Lex | _] -> Lex;
        [] -> back(S, [])
    end.

find(S, Pattern) -> find(S, Pattern, leading).

find(S, Pattern, Dir) ->
    L = subject(S),
    P = pattern(Pattern),
    Found = case {P, Dir} of
                {[], _} -> L;
                {_, leading} -> find_first(L, P);
                {_, trailing} ->
                    case last_match(L, P, 0, none) of
                        none -> nomatch;
                        Pos -> lists:nthtail(Pos, L)
                    end
            end,
    case Found of
        nomatch -> nomatch;
        _ when P =:= [] -> S;
        _ -> back(S, Found)
    end.

find_first([], _P) -> nomatch;
find_first([_ | Rest] = L, P) ->
    case lists:prefix(P, L) of
        true -> L;
        false -> find_first(Rest, P)
    end.

replace(S, Pattern, Replacement) -> replace(S, Pattern, Replacement, leading).

replace(S, Pattern, Replacement, Where) ->
    lists:join(Replacement, split(S, Pattern, Where)).

prefix(S, Prefix) ->
    P = cps(Prefix),
    L = cps(S),
    case lists:prefix(P, L) of
        true when P =:= [] -> S;
        true -> back(S, lists:nthtail(erlang:length(P), L));
        false -> nomatch
    end.

reverse(S) -> lists:reverse(graphemes(S), []).

to_graphemes(S) -> graphemes(S).

next_grapheme(S) ->
    case cps(S) of
        [] -> [];
        L ->
            {G, Rest} = next_gc(L),
            [G | back(S, Rest)]
    end.

next_codepoint(S) ->
    case cps(S) of
        [] -> [];
        [C | Rest] -> [C | back(S, Rest)]
    end.

uppercase(S) when not is_list(S), not is_binary(S) -> erlang:error({badarg, S});
uppercase(S) -> back(S, lists:append([upper_special(C) || C <- cps(S)])).

lowercase(S) when not is_list(S), not is_binary(S) -> erlang:error({badarg, S});
lowercase(S) -> back(S, lists:append([lower_special(C) || C <- cps(S)])).

casefold(S) when not is_list(S), not is_binary(S) -> erlang:error({badarg, S});
casefold(S) -> back(S, lists:append([fold_special(C) || C <- cps(S)])).

titlecase(S) ->
    case cps(S) of
        [C | Rest] -> back(S, title_special(C) ++ Rest);
        [] -> S
    end.

%% The unconditional one-to-many mappings of Unicode's SpecialCasing
%% for Latin letters and ligatures (as unicode_util applies them).
upper_special(16#DF) -> "SS";
upper_special(16#149) -> [16#2BC, $N];
upper_special(16#1F0) -> [$J, 16#30C];
upper_special(C) when C >= 16#FB00, C =< 16#FB06 -> ligature(C, upper);
upper_special(C) -> [upper_cp(C)].

title_special(16#DF) -> "Ss";
title_special(C) when C >= 16#FB00, C =< 16#FB06 -> ligature(C, title);
title_special(C) -> upper_special(C).

lower_special(16#130) -> [$i, 16#307];
lower_special(C) -> [lower_cp(C)].

fold_special(16#DF) -> "ss";
fold_special(16#1E9E) -> "ss";
fold_special(16#130) -> [$i, 16#307];
fold_special(16#149) -> [16#2BC, $n];
fold_special(16#1F0) -> [$j, 16#30C];
fold_special(16#17F) -> "s";
fold_special(C) when C >= 16#FB00, C =< 16#FB06 -> ligature(C, fold);
fold_special(C) -> [lower_cp(C)].

ligature(C, Case) ->
    Lower = case C of
                16#FB00 -> "ff";
                16#FB01 -> "fi";
                16#FB02 -> "fl";
                16#FB03 -> "ffi";
                16#FB04 -> "ffl";
                _ -> "st"
            end,
    case Case of
        fold -> Lower;
        upper -> [upper_cp(L) || L <- Lower];
        title -> [upper_cp(hd(Lower)) | tl(Lower)]
    end.

upper_cp(C) when C >= $a, C =< $z -> C - 32;
upper_cp(C) when C >= 16#E0, C =< 16#FE, C =/= 16#F7 -> C - 32;
upper_cp(16#FF) -> 16#178;
upper_cp(16#B5) -> 16#39C;
upper_cp(C) when C >= 16#100, C =< 16#137, C rem 2 =:= 1 -> C - 1;
upper_cp(16#131) -> $I;
upper_cp(C) when C >= 16#139, C =< 16#148, C rem 2 =:= 0 -> C - 1;
upper_cp(C) when C >= 16#14A, C =< 16#177, C rem 2 =:= 1 -> C - 1;
upper_cp(C) when C >= 16#179, C =< 16#17E, C rem 2 =:= 0 -> C - 1;
upper_cp(16#17F) -> $S;
upper_cp(16#3C2) -> 16#3A3;
upper_cp(C) when C >= 16#3B1, C =< 16#3C9 -> C - 32;
upper_cp(16#3AC) -> 16#386;
upper_cp(C) when C >= 16#3AD, C =< 16#3AF -> C - 37;
upper_cp(16#3CC) -> 16#38C;
upper_cp(C) when C >= 16#3CD, C =< 16#3CE -> C - 63;
upper_cp(C) when C >= 16#430, C =< 16#44F -> C - 32;
upper_cp(C) when C >= 16#450, C =< 16#45F -> C - 80;
upper_cp(C) -> C.

lower_cp(C) when C >= $A, C =< $Z -> C + 32;
lower_cp(C) when C >= 16#C0, C =< 16#DE, C =/= 16#D7 -> C + 32;
lower_cp(16#178) -> 16#FF;
lower_cp(C) when C >= 16#100, C =< 16#137, C rem 2 =:= 0 -> C + 1;
lower_cp(16#130) -> $i;
lower_cp(C) when C >= 16#139, C =< 16#148, C rem 2 =:= 1 -> C + 1;
lower_cp(C) when C >= 16#14A, C =< 16#177, C rem 2 =:= 0 -> C + 1;
lower_cp(C) when C >= 16#179, C =< 16#17E, C rem 2 =:= 1 -> C + 1;
lower_cp(C) when C >= 16#391, C =< 16#3A9, C =/= 16#3A2 -> C + 32;
lower_cp(16#386) -> 16#3AC;
lower_cp(C) when C >= 16#388, C =< 16#38A -> C + 37;
lower_cp(16#38C) -> 16#3CC;
lower_cp(C) when C >= 16#38E, C =< 16#38F -> C + 63;
lower_cp(C) when C >= 16#410, C =< 16#42F -> C + 32;
lower_cp(C) when C >= 16#400, C =< 16#40F -> C + 80;
lower_cp(C) -> C.

%% to_integer("-12abc") -> {-12, "abc"}; no digits -> {error, no_integer}
to_integer(S) ->
    try to_integer_1(S)
    catch _:_ -> {error, badarg}
    end.

to_integer_1(S) ->
    L = cps(S),
    {Sign, Rest} = sign(L),
    case digits(Rest, []) of
        {[], _} -> {error, no_integer};
        {Ds, After} -> {Sign * erlang:list_to_integer(Ds), back(S, After)}
    end.

sign([$- | R]) -> {-1, R};
sign([$+ | R]) -> {1, R};
sign(R) -> {1, R}.

digits([C | R], Acc) when C >= $0, C =< $9 -> digits(R, [C | Acc]);
digits(R, Acc) -> {lists:reverse(Acc, []), R}.

%% to_float("1.5e3x") -> {1.5e3, "x"}; a comma may stand for the point.
to_float(S) ->
    try to_float_1(S)
    catch _:_ -> {error, badarg}
    end.

to_float_1(S) ->
    L = cps(S),
    {SignChars, Rest0} = case L of
                             [$- | R0] -> {"-", R0};
                             [$+ | R0] -> {"+", R0};
                             _ -> {"", L}
                         end,
    case digits(Rest0, []) of
        {[_ | _] = Int, [Pt | Rest1]} when Pt =:= $.; Pt =:= $, ->
            case digits(Rest1, []) of
                {[_ | _] = Frac, Rest2} ->
                    {Exp, Rest3} = exponent(Rest2),
                    try erlang:list_to_float(SignChars ++ Int ++ "." ++ Frac ++ Exp) of
                        F -> {F, back(S, Rest3)}
                    catch
                        error:badarg -> {error, no_float}
                    end;
                _ -> {error, no_float}
            end;
        _ -> {error, no_float}
    end.

exponent([E | R] = L) when E =:= $e; E =:= $E ->
    {Sign, R1} = case R of
                     [$- | T] -> {"-", T};
                     [$+ | T] -> {"+", T};
                     _ -> {"", R}
                 end,
    case digits(R1, []) of
        {[], _} -> {"", L};
        {Ds, R2} -> {"e" ++ Sign ++ Ds, R2}
    end;
exponent(L) -> {"", L}.

%% ---------------------------------------------------------------------
%% The old list API

len(S) -> erlang:length(S).

concat(S1, S2) -> S1 ++ S2.

chr(S, C) when is_integer(C) -> chr(S, C, 1).

chr([C | _], C, I) -> I;
chr([_ | Cs], C, I) -> chr(Cs, C, I + 1);
chr([], _C, _I) -> 0.

rchr(S, C) when is_integer(C) -> rchr(S, C, 1, 0).

rchr([C | Cs], C, I, _L) -> rchr(Cs, C, I + 1, I);
rchr([_ | Cs], C, I, L) -> rchr(Cs, C, I + 1, L);
rchr([], _C, _I, L) -> L.

str(S, Sub) when is_list(Sub) -> str(S, Sub, 1).

str([C | S], [C | Sub], I) ->
    case lists:prefix(Sub, S) of
        true -> I;
        false -> str(S, [C | Sub], I + 1)
    end;
str([_ | S], Sub, I) -> str(S, Sub, I + 1);
str([], _Sub, _I) -> 0.

rstr(S, Sub) when is_list(Sub) -> rstr(S, Sub, 1, 0).

rstr([_ | Rest] = S, Sub, I, L) ->
    case lists:prefix(Sub, S) of
        true -> rstr(Rest, Sub, I + 1, I);
        false -> rstr(Rest, Sub, I + 1, L)
    end;
rstr([], _Sub, _I, L) -> L.

span(S, Cs) when is_list(Cs) -> span(S, Cs, 0).

span([C | S], Cs, I) ->
    case lists:member(C, Cs) of
        true -> span(S, Cs, I + 1);
        false -> I
    end;
span([], _Cs, I) -> I.

cspan(S, Cs) when is_list(Cs) -> cspan(S, Cs, 0).

cspan([C | S], Cs, I) ->
    case lists:member(C, Cs) of
        true -> I;
        false -> cspan(S, Cs, I + 1)
    end;
cspan([], _Cs, I) -> I.

substr(S, 1) when is_list(S) -> S;
substr([_ | S], N) when is_integer(N), N > 1 -> substr(S, N - 1).

substr(S, Start, L) when is_integer(Start), Start >= 1, is_integer(L), L >= 0 ->
    substr_take(substr(S, Start), L).

substr_take([C | S], L) when L > 0 -> [C | substr_take(S, L - 1)];
substr_take(_, 0) -> [];
substr_take([], _) -> [].

sub_string(S, Start) -> substr(S, Start).

sub_string(S, Start, Stop) -> substr(S, Start, Stop - Start + 1).

tokens(S, Seps) -> tokens_1(S, Seps, [], []).

tokens_1([C | S], Seps, Cur, Acc) ->
    case lists:member(C, Seps) of
        true when Cur =:= [] -> tokens_1(S, Seps, [], Acc);
        true -> tokens_1(S, Seps, [], [lists:reverse(Cur, []) | Acc]);
        false -> tokens_1(S, Seps, [C | Cur], Acc)
    end;
tokens_1([], _Seps, [], Acc) -> lists:reverse(Acc, []);
tokens_1([], _Seps, Cur, Acc) -> lists:reverse([lists:reverse(Cur, []) | Acc], []).

chars(C, N) -> chars(C, N, []).

chars(C, N, Tail) when is_integer(N), N > 0 -> chars(C, N - 1, [C | Tail]);
chars(C, 0, Tail) when is_integer(C) -> Tail.

copies(S, N) when is_integer(N), N >= 0 -> copies(S, N, []).

copies(_S, 0, Acc) -> Acc;
copies(S, N, Acc) -> copies(S, N - 1, S ++ Acc).

words(S) -> words(S, $\s).

%% As in OTP, a string with no words counts as one.
words(S, C) when is_integer(C) -> erlang:max(1, erlang:length(tokens(S, [C]))).

sub_word(S, N) -> sub_word(S, N, $\s).

sub_word(S, N, C) when is_integer(N), N >= 1, is_integer(C) ->
    case drop(N - 1, tokens(S, [C])) of
        [W | _] -> W;
        [] -> []
    end.

strip(S) -> strip(S, both, $\s).

strip(S, Dir) -> strip(S, Dir, $\s).

strip(S, left, C) -> strip_left(S, C);
strip(S, right, C) -> strip_right(S, C);
strip(S, both, C) -> strip_right(strip_left(S, C), C).

strip_left([C | S], C) -> strip_left(S, C);
strip_left(S, _C) when is_list(S) -> S.

strip_right(S, C) -> lists:reverse(strip_left(lists:reverse(S), C), []).

left(S, N) -> left(S, N, $\s).

left(S, N, C) when is_integer(N), N >= 0 ->
    Len = erlang:length(S),
    if
        Len > N -> substr(S, 1, N);
        true -> S ++ chars(C, N - Len)
    end.

right(S, N) -> right(S, N, $\s).

right(S, N, C) when is_integer(N), N >= 0 ->
    Len = erlang:length(S),
    if
        Len > N -> substr(S, Len - N + 1);
        true -> chars(C, N - Len, S)
    end.

centre(S, N) -> centre(S, N, $\s).

centre(S, 0, _C) when is_list(S) -> [];
centre(S, N, C) when is_integer(N), N > 0 ->
    Len = erlang:length(S),
    if
        Len > N -> substr(S, (Len - N) div 2 + 1, N);
        Len < N ->
            Pad = N - Len,
            chars(C, Pad div 2, S ++ chars(C, Pad - Pad div 2));
        true -> S
    end.

to_upper(S) when is_list(S) -> [upper_char(C) || C <- S];
to_upper(C) when is_integer(C) -> upper_char(C).

to_lower(S) when is_list(S) -> [lower_char(C) || C <- S];
to_lower(C) when is_integer(C) -> lower_char(C).

upper_char(C) when is_integer(C), C >= $a, C =< $z -> C - 32;
upper_char(C) when is_integer(C), C >= 16#E0, C =< 16#F6 -> C - 32;
upper_char(C) when is_integer(C), C >= 16#F8, C =< 16#FE -> C - 32;
upper_char(C) -> C.

lower_char(C) when is_integer(C), C >= $A, C =< $Z -> C + 32;
lower_char(C) when is_integer(C), C >= 16#C0, C =< 16#D6 -> C + 32;
lower_char(C) when is_integer(C), C >= 16#D8, C =< 16#DE -> C + 32;
lower_char(C) -> C.

join([], _Sep) -> [];
join([H | T], Sep) -> H ++ lists:append([Sep ++ X || X <- T]).

%% string:list_to_integer/1 and list_to_float/1 (BIFs in OTP): the longest leading
%% number of a list and the rest after it.
list_to_integer(L) when is_list(L) ->
    {Sign, Digits} = num_sign(L),
    case num_digits(Digits, []) of
        {[], _} -> {error, no_integer};
        {Ds, Rest} -> {erlang:list_to_integer(Sign ++ Ds), Rest}
    end;
list_to_integer(_) -> {error, not_a_list}.

list_to_float(L) when is_list(L) ->
    {Sign, S1} = num_sign(L),
    case num_digits(S1, []) of
        {[_ | _] = Int, [$. | S2]} ->
            case num_digits(S2, []) of
                {[], _} -> {error, no_float};
                {Frac, S3} ->
                    {Exp, Rest} = num_exponent(S3),
                    try erlang:list_to_float(Sign ++ Int ++ "." ++ Frac ++ Exp) of
                        F -> {F, Rest}
                    catch
                        error:badarg -> {error, no_float}
                    end
            end;
        _ -> {error, no_float}
    end;
list_to_float(_) -> {error, not_a_list}.

num_sign([$- | R]) -> {"-", R};
num_sign([$+ | R]) -> {"", R};
num_sign(R) -> {"", R}.

num_digits([D | R], Acc) when D >= $0, D =< $9 -> num_digits(R, [D | Acc]);
num_digits(R, Acc) -> {lists:reverse(Acc), R}.

num_exponent([E | R] = S) when E =:= $e; E =:= $E ->
    {Sign, R1} = case R of
                     [$- | T] -> {"-", T};
                     [$+ | T] -> {"+", T};
                     _ -> {"", R}
                 end,
    case num_digits(R1, []) of
        {[], _} -> {"", S};
        {Ds, Rest} -> {[$e | Sign] ++ Ds, Rest}
    end;
num_exponent(S) -> {"", S}.
