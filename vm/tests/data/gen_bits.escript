#!/usr/bin/env escript
%% Regenerates bits.tsv: bit-syntax constructions and matches evaluated by real OTP 25.
%% Each line: hex external format of the case, TAB, hex external format of the outcome.
%% Cases: {build, PrefixBits, Seg} -> {ok, Bitstring} | {error, Reason}
%%        {match, Bin, SkipBits, Seg} -> {ok, Value, Rest} | nomatch
%% where Seg = {Type, Value, Size | default, Unit | default, Signed, Endian}.
%% Run from this directory: ./gen_bits.escript > bits.tsv
main(_) ->
    Ints = [0, 1, -1, 255, 256, -129, 1 bsl 70, -(1 bsl 70), 16#0123456789abcdef, 0.5, a],
    IntSizes = [default, 0, 1, 7, 8, 12, 16, 33, 64, 72, 100],
    Floats = [1.5, -0.0, 1.0e300, 3, 1 bsl 80, 1.0e-310, 65504.0, 1.0e-7, a],
    Bins = [<<"abc">>, <<1:3>>, <<>>, <<255, 1:1>>, 5],
    Chars = [$a, 16#e9, 16#263a, 16#1F600, 16#D800, -1, 16#110000, 16#FFFF],
    Builds =
        [{build, P, {integer, V, S, U, Sg, E}}
         || P <- [0, 3], V <- Ints, S <- IntSizes, U <- [default, 3], Sg <- [false, true],
            E <- [big, little], not (U =/= default andalso S =:= default)]
        ++ [{build, P, {float, V, S, default, false, E}}
            || P <- [0, 5], V <- Floats, S <- [default, 16, 32, 64, 8], E <- [big, little]]
        ++ [{build, P, {T, V, S, U, false, big}}
            || P <- [0, 3], T <- [binary, bitstring], V <- Bins, S <- [default, 0, 1, 2, 3, 4],
               U <- [default, 1, 8], not (U =/= default andalso S =:= default),
               {T, U} =/= {bitstring, 8}, {T, U} =/= {binary, 1}]
        ++ [{build, P, {T, V, default, default, false, E}}
            || P <- [0, 4], T <- [utf8, utf16, utf32], V <- Chars ++ [a], E <- [big, little]],
    Subjects = [<<>>, <<1, 2, 3, 4, 5, 6, 7, 8, 9, 10>>, <<255, 254, 253, 252>>,
                <<16#E2, 16#98, 16#BA, 16#F0, 16#9F, 16#98, 16#80>>, <<1:5>>, <<0, 97, 216, 61, 222, 0>>,
                <<63, 248, 0, 0, 0, 0, 0, 0, 60, 0, 127, 128, 0, 0>>, <<16#FF, 16#D8, 0, 0>>],
    Matches =
        [{match, B, K, {integer, 0, S, U, Sg, E}}
         || B <- Subjects, K <- [0, 3], S <- [default, 0, 1, 7, 8, 12, 16, 33, 64, 72],
            U <- [default, 2], Sg <- [false, true], E <- [big, little],
            not (U =/= default andalso S =:= default)]
        ++ [{match, B, K, {float, 0, S, default, false, E}}
            || B <- Subjects, K <- [0, 8, 3], S <- [default, 16, 32, 64], E <- [big, little]]
        ++ [{match, B, K, {T, 0, S, U, false, big}}
            || B <- Subjects, K <- [0, 3], T <- [binary, bitstring], S <- [default, 0, 1, 2, 5],
               U <- [default, 1, 8], not (U =/= default andalso S =:= default),
               {T, U} =/= {bitstring, 8}, {T, U} =/= {binary, 1}]
        ++ [{match, B, K, {T, 0, default, default, false, E}}
            || B <- Subjects, K <- [0, 8, 3], T <- [utf8, utf16, utf32], E <- [big, little]],
    lists:foreach(fun(Case) ->
                          Out = run(Case),
                          io:format("~s\t~s~n", [hex(term_to_binary(Case)), hex(term_to_binary(Out))])
                  end, Builds ++ Matches).

seg_text(Var, {T, _, S, U, Sg, E}) ->
    Size = case S of default -> ""; _ -> ":" ++ integer_to_list(S) end,
    Unit = case U of default -> ""; _ -> "-unit:" ++ integer_to_list(U) end,
    Sign = case Sg of true -> "-signed"; false -> "" end,
    Var ++ Size ++ "/" ++ atom_to_list(T) ++ Sign ++ "-" ++ atom_to_list(E) ++ Unit.

run({build, P, {_, V, _, _, _, _} = Seg}) ->
    Text = "<<0:" ++ integer_to_list(P) ++ ", " ++ seg_text("V", Seg) ++ ">>.",
    try {ok, eval(Text, [{'V', V}])} catch error:R -> {error, R} end;
run({match, B, K, {T, _, S, _, _, _} = Seg}) ->
    Last = (T =:= binary orelse T =:= bitstring) andalso S =:= default,
    Pat = "<<_:" ++ integer_to_list(K) ++ ", " ++ seg_text("X", Seg)
        ++ case Last of true -> ">>"; false -> ", Rest/bits>>" end,
    Text = "case B of " ++ Pat ++ " -> {ok, X, "
        ++ case Last of true -> "<<>>"; false -> "Rest" end
        ++ "}; _ -> nomatch end.",
    try eval(Text, [{'B', B}]) catch error:R -> {error, R} end.

eval(Text, Bindings) ->
    {ok, Toks, _} = erl_scan:string(Text),
    {ok, [Expr]} = erl_parse:parse_exprs(Toks),
    {value, V, _} = erl_eval:expr(Expr, Bindings),
    V.

hex(B) -> [io_lib:format("~2.16.0b", [X]) || <<X>> <= B].
