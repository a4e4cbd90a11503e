%% io_lib_pretty: the ~p/~P printer, breaking lines like OTP 25's
%% io_lib_pretty (line length, column, depth; records only through print/7,
%% which the shell uses; no chars_limit).
%%
%% Two passes. measure/4 turns the term into a tree of sized pieces:
%%   {Chars, Len}                 a leaf, written as it is
%%   {{list, Elems}, Len}         Elems may end in an improper tail piece
%%   {{tuple, Tagged, Elems}, Len}
%%   {{map, Pairs}, Len}          each pair is {{map_pair, K, V}, Len}
%%   {{bin, Chars}, Len}          a binary written as bytes
%%   {{record, Name, Pairs}, Len} a record of print/7's definitions; each
%%                                field is {{rec_pair, F, V}, Len}
%% and a list of elements cut short by the depth ends in {dots, 3}.
%% Then layout (pp*) decides, piece by piece, whether it fits on the
%% rest of the line or must be broken, with the same fitting rules as
%% OTP so that the output is byte-identical.
-module(io_lib_pretty).

-export([print/1, print/4, print/6, print/7]).

print(Term) -> print(Term, 1, 80, -1).

print(Term, Col, LineLen, Depth) ->
    print(Term, Col, LineLen, Depth, latin1, true).

%% print/6 with Options: {records, [{Name, [F1, ..., Fn]}]} writes a tuple
%% {Name, V1, ..., Vn} as #Name{F1 = V1, ...} (as OTP's record_print_fun),
%% {line_max_chars, M} puts at most M characters on a line (OTP's option of
%% the same name; the shell uses 60).
print(Term, Col, Ll, D, Enc, Str, Options) ->
    Records = proplists:get_value(records, Options, []),
    M = proplists:get_value(line_max_chars, Options, -1),
    Old = put('$io_lib_pretty_records', Records),
    try print_m(Term, Col, Ll, D, M, Enc, Str)
    after
        case Old of
            undefined -> erase('$io_lib_pretty_records');
            _ -> put('$io_lib_pretty_records', Old)
        end
    end.

%% print(Term, Column, LineLength, Depth, Encoding, Strings) -> chars
print(Term, Col, Ll, D, Enc, Str) ->
    print_m(Term, Col, Ll, D, -1, Enc, Str).

%% M: most characters on a line, -1 for no limit.
print_m(_Term, _Col, _Ll, 0, _M, _Enc, _Str) -> "...";
print_m(Term, Col, Ll, D, M, Enc, Str) when Col =< 0 ->
    print_m(Term, 1, Ll, D, M, Enc, Str);
print_m(Atom, _Col, _Ll, _D, _M, Enc, _Str) when is_atom(Atom) ->
    atom_chars(Atom, Enc);
print_m(Term, Col, Ll, D, M0, Enc, Str)
  when is_tuple(Term); is_list(Term); is_map(Term); is_bitstring(Term) ->
    {_, Len} = Tree = measure(Term, D, Enc, Str),
    M = case M0 of
            -1 -> Len;
            _ -> M0
        end,
    if
        Ll =:= 0 -> write(Tree);
        Len < Ll - Col, Len =< M -> write(Tree);
        true ->
            TInd = tag_indent(Tree, Col, Ll, M),
            pp(Tree, Col, Ll, M, TInd, indent(Col), 0, 0)
    end;
print_m(Term, _Col, _Ll, _D, _M, _Enc, _Str) ->
    io_lib:write(Term).

%% Try to indent tagged tuples by their tag; fall back to 4, then 1.
tag_indent(Tree, Col, Ll, M) ->
    try check_indent(Tree, Col, Ll, M, -1, 0, 0)
    catch
        throw:no_good ->
            try check_indent(Tree, Col, Ll, M, 4, 0, 0)
            catch throw:no_good -> 1
            end
    end.

%% ---------------------------------------------------------------------
%% Measuring

measure([], _D, _Enc, _Str) -> {"[]", 2};
measure({}, _D, _Enc, _Str) -> {"{}", 2};
measure(Map, _D, _Enc, _Str) when map_size(Map) =:= 0 -> {"#{}", 3};
measure(Atom, _D, Enc, _Str) when is_atom(Atom) ->
    S = atom_chars(Atom, Enc),
    {S, io_lib:chars_length(S)};
measure(List, D, Enc, Str) when is_list(List) ->
    case Str andalso D =/= 1 andalso io_lib:printable_latin1_list(List) of
        true ->
            S = string_chars(List, Enc),
            {S, io_lib:chars_length(S)};
        false ->
            Elems = measure_elems(List, D, Enc, Str),
            {{list, Elems}, seq_length(Elems, 2)}
    end;
measure(Fun, _D, _Enc, _Str) when is_function(Fun) ->
    S = io_lib:write(Fun),
    {S, iolist_size(S)};
measure(Tuple, 1, _Enc, _Str) when is_tuple(Tuple) -> {"{...}", 5};
measure(Tuple, D, Enc, Str) when is_tuple(Tuple), is_atom(element(1, Tuple)) ->
    case record_fields(Tuple) of
        none -> measure_tuple(Tuple, D, Enc, Str);
        Fields ->
            Name = atom_chars(element(1, Tuple), Enc),
            Pairs = measure_fields(Fields, tl(tuple_to_list(Tuple)), D - 1, Enc, Str),
            NL = io_lib:chars_length(Name),
            {{record, Name, Pairs}, seq_length(Pairs, NL + 3)}
    end;
measure(Tuple, D, Enc, Str) when is_tuple(Tuple) ->
    measure_tuple(Tuple, D, Enc, Str);
measure(Map, 1, _Enc, _Str) when is_map(Map) -> {"#{...}", 6};
measure(Map, D, Enc, Str) when is_map(Map) ->
    Pairs = measure_pairs(krarup_maps:iteration_list(Map), D, D - 1, Enc, Str),
    {{map, Pairs}, seq_length(Pairs, 3)};
measure(<<>>, _D, _Enc, _Str) -> {"<<>>", 4};
measure(<<_/bitstring>>, 1, _Enc, _Str) -> {"<<...>>", 7};
measure(<<_/bitstring>> = Bin, D, Enc, Str) ->
    measure_binary(Bin, D, Enc, Str);
measure(Term, _D, _Enc, _Str) ->
    S = io_lib:write(Term),
    {S, io_lib:chars_length(S)}.

measure_tuple(Tuple, D, Enc, Str) ->
    Elems = measure_elems(tuple_to_list(Tuple), D, Enc, Str),
    Tagged = is_atom(element(1, Tuple)) andalso tuple_size(Tuple) > 1,
    {{tuple, Tagged, Elems}, seq_length(Elems, 2)}.

%% The field names when print/7's definitions know the record.
record_fields(Tuple) ->
    case get('$io_lib_pretty_records') of
        Defs when is_list(Defs) ->
            case lists:keyfind(element(1, Tuple), 1, Defs) of
                {_, Fields} when length(Fields) =:= tuple_size(Tuple) - 1 -> Fields;
                _ -> none
            end;
        _ -> none
    end.

measure_fields([], [], _D, _Enc, _Str) -> [];
measure_fields(_, _, 0, _Enc, _Str) -> {dots, 3};
measure_fields([F | Fs], [V | Vs], D, Enc, Str) ->
    FS = atom_chars(F, Enc),
    FL = io_lib:chars_length(FS),
    {_, VL} = VP = measure(V, D, Enc, Str),
    [{{rec_pair, {FS, FL}, VP}, FL + 3 + VL} | measure_fields(Fs, Vs, D, Enc, Str)].

%% Elements of a list or tuple; element N is measured at depth D-N.
measure_elems([], _D, _Enc, _Str) -> [];
measure_elems(_, 1, _Enc, _Str) -> {dots, 3};
measure_elems([E | Es], D, Enc, Str) ->
    [measure(E, D - 1, Enc, Str) | measure_elems(Es, D - 1, Enc, Str)];
measure_elems(Tail, D, Enc, Str) ->
    measure(Tail, D - 1, Enc, Str).

%% Map pairs: keys and values all measured at depth D0.
measure_pairs([], _D, _D0, _Enc, _Str) -> [];
measure_pairs(_, 1, _D0, _Enc, _Str) -> {dots, 3};
measure_pairs([{K, V} | KVs], D, D0, Enc, Str) ->
    {_, KL} = KP = measure(K, D0, Enc, Str),
    {_, VL} = VP = measure(V, D0, Enc, Str),
    [{{map_pair, KP, VP}, KL + 4 + VL} | measure_pairs(KVs, D - 1, D0, Enc, Str)].

%% Total length of a sequence with separators, plus the brackets.
seq_length([], Acc) -> Acc;
seq_length([{_, Len} | Es], Acc) -> seq_tail_length(Es, Acc + Len);
seq_length({_, Len}, Acc) -> Acc + Len.

seq_tail_length([], Acc) -> Acc;
seq_tail_length([{_, Len} | Es], Acc) -> seq_tail_length(Es, Acc + 1 + Len);
seq_tail_length({_, Len}, Acc) -> Acc + 1 + Len.

measure_binary(Bin, D, Enc, Str) ->
    D1 = D - 1,
    Printable = Str andalso (bit_size(Bin) rem 8) =:= 0
        andalso printable_bin(Bin, D1, Enc),
    case Printable of
        {true, List} ->
            S = io_lib:write_string(List, $"),
            {[$<, $<, S, $>, $>], 4 + length(S)};
        {false, List} ->
            S = io_lib:write_string(List, $"),
            {[$<, $<, S, "/utf8>>"], 9 + io_lib:chars_length(S)};
        {true, true, Prefix} ->
            S = io_lib:write_string(Prefix, $"),
            {[$<, $<, S | "...>>"], 7 + length(S)};
        {false, true, Prefix} ->
            S = io_lib:write_string(Prefix, $"),
            {[$<, $<, S | "/utf8...>>"], 12 + io_lib:chars_length(S)};
        false ->
            S = io_lib:write_binary(Bin, D),
            {{bin, S}, iolist_size(S)}
    end.

%% At depth D a binary shows at most 4*D characters as a string.
printable_bin(Bin, D, Enc) ->
    Len = case D >= 0 of
              true -> erlang:min(4 * D, byte_size(Bin));
              false -> byte_size(Bin)
          end,
    printable_bin(Bin, Len, D, Enc).

printable_bin(_Bin, 0, _D, _Enc) -> false;
printable_bin(Bin, Len, D, latin1) ->
    case printable_latin1_bin(Bin, Len) of
        all -> {true, binary_to_list(Bin)};
        NC when D > 0, Len - NC >= D ->
            {true, true, binary_to_list(Bin, 1, Len - NC)};
        _ -> false
    end;
printable_bin(Bin, Len, D, unicode) ->
    case valid_utf8(Bin, Len) of
        true ->
            case printable_utf8(Bin, Len, []) of
                {_, <<>>, L} ->
                    {byte_size(Bin) =:= length(L), L};
                {NC, Rest, L} when D > 0, Len - NC >= D ->
                    {byte_size(Bin) - byte_size(Rest) =:= length(L), true, L};
                _ ->
                    false
            end;
        false ->
            printable_bin(Bin, Len, D, latin1)
    end.

printable_latin1_bin(<<>>, _N) -> all;
printable_latin1_bin(_, 0) -> 0;
printable_latin1_bin(<<C:8, Rest/binary>>, N) ->
    case printable_char(C) of
        true -> printable_latin1_bin(Rest, N - 1);
        false -> N
    end.

%% The first Len characters must be valid UTF-8 for ~tp to read the
%% binary as UTF-8; otherwise it is treated as latin1.
valid_utf8(<<>>, _) -> true;
valid_utf8(_, 0) -> true;
valid_utf8(<<_/utf8, R/binary>>, N) -> valid_utf8(R, N - 1);
valid_utf8(_, _) -> false.

%% The printable range is latin1 (erl's default), also for ~tp.
printable_utf8(<<C/utf8, R/binary>> = Bin, I, L) when I > 0 ->
    case printable_char(C) of
        true -> printable_utf8(R, I - 1, [C | L]);
        false -> {I, Bin, lists:reverse(L, [])}
    end;
printable_utf8(Bin, I, L) ->
    {I, Bin, lists:reverse(L, [])}.

printable_char(C) when C >= $\s, C =< $~ -> true;
printable_char(C) when C >= 16#A0, C =< 16#FF -> true;
printable_char(C) ->
    C =:= $\n orelse C =:= $\r orelse C =:= $\t orelse C =:= $\v
        orelse C =:= $\b orelse C =:= $\f orelse C =:= $\e.

atom_chars(Atom, latin1) -> io_lib:write_atom_as_latin1(Atom);
atom_chars(Atom, _) -> io_lib:write_atom(Atom).

string_chars(S, latin1) -> io_lib:write_latin1_string(S, $");
string_chars(S, _) -> io_lib:write_string(S, $").

%% ---------------------------------------------------------------------
%% Layout. Col: current column (1-based); Ll: line length; M: most
%% characters allowed on a line; TInd: indentation of tagged tuples;
%% Ind: the indentation string; LD: closing brackets that follow (last
%% depth); W: characters already on this line since the indentation.

-define(LEAF(P), (is_list(element(1, P)) orelse is_binary(element(1, P)))).
-define(LEAF_PAIR(P), (?LEAF(element(2, element(1, P)))
                       andalso ?LEAF(element(3, element(1, P))))).

pp({_, Len} = P, Col, Ll, M, _TInd, _Ind, LD, W)
  when Len < Ll - Col - LD, Len + W + LD =< M ->
    write(P);
pp({{list, L}, _}, Col, Ll, M, TInd, Ind, LD, W) ->
    [$[, pp_list(L, Col + 1, Ll, M, TInd, indent(1, Ind), LD, $|, W + 1), $]];
pp({{tuple, true, L}, _}, Col, Ll, M, TInd, Ind, LD, W) ->
    [${, pp_tag_tuple(L, Col, Ll, M, TInd, Ind, LD, W + 1), $}];
pp({{tuple, false, L}, _}, Col, Ll, M, TInd, Ind, LD, W) ->
    [${, pp_list(L, Col + 1, Ll, M, TInd, indent(1, Ind), LD, $,, W + 1), $}];
pp({{map, Pairs}, _}, Col, Ll, M, TInd, Ind, LD, W) ->
    [$#, ${, pp_map(Pairs, Col + 2, Ll, M, TInd, indent(2, Ind), LD, W + 1), $}];
pp({{record, Name, Pairs}, _}, Col, Ll, M, TInd, Ind, LD, W) ->
    NL = io_lib:chars_length(Name) + 2,
    [$#, Name, ${, pp_map(Pairs, Col + NL, Ll, M, TInd, indent(NL, Ind), LD, W + NL - 1), $}];
pp({{bin, S}, _}, Col, Ll, M, _TInd, Ind, LD, W) ->
    pp_binary(S, Col + 2, Ll, M, indent(2, Ind), LD, W);
pp({S, _}, _Col, _Ll, _M, _TInd, _Ind, _LD, _W) ->
    S.

pp_tag_tuple({dots, _}, _Col, _Ll, _M, _TInd, _Ind, _LD, _W) ->
    "...";
pp_tag_tuple([{Tag, TLen} | L], Col, Ll, M, TInd, Ind, LD, W) ->
    TagInd = TLen + 2,
    TCol = Col + TagInd,
    if
        TInd > 0, TagInd > TInd ->
            Col1 = Col + TInd,
            Indent = indent(TInd, Ind),
            [Tag | pp_tail(L, Col1, TCol, Ll, M, TInd, Indent, LD, $,, W + TLen)];
        true ->
            Indent = indent(TagInd, Ind),
            [Tag, $, | pp_list(L, TCol, Ll, M, TInd, Indent, LD, $,, W + TLen + 1)]
    end.

pp_map([], _Col, _Ll, _M, _TInd, _Ind, _LD, _W) -> "";
pp_map({dots, _}, _Col, _Ll, _M, _TInd, _Ind, _LD, _W) -> "...";
pp_map([P | Ps], Col, Ll, M, TInd, Ind, LD, W) ->
    {PS, PW} = pp_pair(P, Col, Ll, M, TInd, Ind, last_depth(Ps, LD), W),
    [PS | pp_pairs_tail(Ps, Col, Col + PW, Ll, M, TInd, Ind, LD, PW)].

pp_pairs_tail([], _Col0, _Col, _Ll, _M, _TInd, _Ind, _LD, _W) -> "";
pp_pairs_tail({dots, _}, _Col0, _Col, _Ll, _M, _TInd, _Ind, _LD, _W) -> ",...";
pp_pairs_tail([{_, Len} = P | Ps], Col0, Col, Ll, M, TInd, Ind, LD, W) ->
    LD1 = last_depth(Ps, LD),
    ELen = 1 + Len,
    case fits_inline(ELen, LD1, Col, Ll, M, W) andalso ?LEAF_PAIR(P) of
        true ->
            [$,, write_pair(P)
             | pp_pairs_tail(Ps, Col0, Col + ELen, Ll, M, TInd, Ind, LD, W + ELen)];
        false ->
            {PS, PW} = pp_pair(P, Col0, Ll, M, TInd, Ind, LD1, 0),
            [$,, $\n, Ind, PS
             | pp_pairs_tail(Ps, Col0, Col0 + PW, Ll, M, TInd, Ind, LD, PW)]
    end.

pp_pair({_, Len} = P, Col, Ll, M, _TInd, _Ind, LD, W)
  when Len < Ll - Col - LD, Len + W + LD =< M ->
    Width = case ?LEAF_PAIR(P) of
                true -> Len;
                false -> Ll
            end,
    {write_pair(P), Width};
pp_pair({{rec_pair, {FS, FL}, V}, _}, Col0, Ll, M, TInd, Ind, LD, W) ->
    {[FS, " = " | pp(V, Col0 + FL + 3, Ll, M, TInd, indent(FL + 3, Ind), LD, W + FL + 3)], Ll};
pp_pair({{map_pair, K, V}, _}, Col0, Ll, M, TInd, Ind0, LD, W) ->
    I = map_value_indent(TInd),
    Ind = indent(I, Ind0),
    {[pp(K, Col0, Ll, M, TInd, Ind0, LD, W), " =>\n", Ind
      | pp(V, Col0 + I, Ll, M, TInd, Ind, LD, 0)], Ll}.

pp_list({dots, _}, _Col0, _Ll, _M, _TInd, _Ind, _LD, _S, _W) ->
    "...";
pp_list([E | Es], Col0, Ll, M, TInd, Ind, LD, S, W) ->
    {ES, WE} = pp_element(E, Col0, Ll, M, TInd, Ind, last_depth(Es, LD), W),
    [ES | pp_tail(Es, Col0, Col0 + WE, Ll, M, TInd, Ind, LD, S, W + WE)].

pp_tail([], _Col0, _Col, _Ll, _M, _TInd, _Ind, _LD, _S, _W) ->
    [];
pp_tail([{_, Len} = E | Es], Col0, Col, Ll, M, TInd, Ind, LD, S, W) ->
    LD1 = last_depth(Es, LD),
    ELen = 1 + Len,
    case fits_inline(ELen, LD1, Col, Ll, M, W) andalso ?LEAF(E) of
        true ->
            [$,, write(E)
             | pp_tail(Es, Col0, Col + ELen, Ll, M, TInd, Ind, LD, S, W + ELen)];
        false ->
            {ES, WE} = pp_element(E, Col0, Ll, M, TInd, Ind, LD1, 0),
            [$,, $\n, Ind, ES
             | pp_tail(Es, Col0, Col0 + WE, Ll, M, TInd, Ind, LD, S, WE)]
    end;
pp_tail({dots, _}, _Col0, _Col, _Ll, _M, _TInd, _Ind, _LD, S, _W) ->
    [S | "..."];
pp_tail({_, Len} = E, _Col0, Col, Ll, M, _TInd, _Ind, LD, S, W)
  when Len + 1 < Ll - Col - (LD + 1), Len + 1 + W + (LD + 1) =< M, ?LEAF(E) ->
    [S | write(E)];
pp_tail(E, Col0, _Col, Ll, M, TInd, Ind, LD, S, _W) ->
    [S, $\n, Ind | pp(E, Col0, Ll, M, TInd, Ind, LD + 1, 0)].

pp_element({_, Len} = E, Col, Ll, M, _TInd, _Ind, LD, W)
  when Len < Ll - Col - LD, Len + W + LD =< M, ?LEAF(E) ->
    {write(E), Len};
pp_element(E, Col, Ll, M, TInd, Ind, LD, W) ->
    {pp(E, Col, Ll, M, TInd, Ind, LD, W), Ll}.

%% An element (with its comma) stays on the current line?
fits_inline(ELen, 0, Col, Ll, M, W) ->
    ELen + 1 < Ll - Col andalso W + ELen + 1 =< M;
fits_inline(ELen, LD1, Col, Ll, M, W) ->
    ELen < Ll - Col - LD1 andalso W + ELen + LD1 =< M.

%% Binaries written as bytes wrap between the comma-separated bytes.
pp_binary([$<, $<, S, $>, $>], Col, Ll, M, Ind, LD, W) ->
    N = erlang:max(8, erlang:min(Ll - Col, M - 4 - W) - LD),
    [$<, $<, pp_bin_body(S, N, N, Ind), $>, $>].

pp_bin_body([BS, $, | S], N, N0, Ind) ->
    Len = length(BS) + 1,
    case N - Len of
        N1 when N1 < 0 -> [$\n, Ind, BS, $, | pp_bin_body(S, N0 - Len, N0, Ind)];
        N1 -> [BS, $, | pp_bin_body(S, N1, N0, Ind)]
    end;
pp_bin_body([BS1, $:, BS2] = S, N, _N0, Ind)
  when length(BS1) + length(BS2) + 1 > N ->
    [$\n, Ind, S];
pp_bin_body(S, N, _N0, Ind) ->
    case iolist_size(S) > N of
        true -> [$\n, Ind, S];
        false -> S
    end.

%% ---------------------------------------------------------------------
%% Writing a piece on one line

write({{tuple, _Tagged, L}, _}) -> [${, write_seq(L, $,), $}];
write({{list, L}, _}) -> [$[, write_seq(L, $|), $]];
write({{map, Pairs}, _}) -> [$#, ${, write_seq(Pairs, $,), $}];
write({{map_pair, _K, _V}, _} = P) -> write_pair(P);
write({{record, Name, Pairs}, _}) -> [$#, Name, ${, write_seq(Pairs, $,), $}];
write({{rec_pair, _K, _V}, _} = P) -> write_pair(P);
write({{bin, S}, _}) -> S;
write({S, _}) -> S.

write_pair({{map_pair, K, V}, _}) -> [write(K), " => ", write(V)];
write_pair({{rec_pair, K, V}, _}) -> [write(K), " = ", write(V)].

write_seq({dots, _}, _S) -> "...";
write_seq([E | Es], S) -> [write(E) | write_seq_tail(Es, S)].

write_seq_tail([], _S) -> [];
write_seq_tail([E | Es], S) -> [$,, write(E) | write_seq_tail(Es, S)];
write_seq_tail({dots, _}, S) -> [S | "..."];
write_seq_tail(E, S) -> [S | write(E)].

%% ---------------------------------------------------------------------
%% Checking an indentation for tagged tuples: throws no_good when the
%% indentation would pass half the line without room for M characters.

check_indent({_, Len}, Col, Ll, M, Ind, LD, W)
  when Len < Ll - Col - LD, Len + W + LD =< M ->
    Ind;
check_indent({{list, L}, _}, Col, Ll, M, Ind, LD, W) ->
    ci_list(L, Col + 1, Ll, M, Ind, LD, W + 1);
check_indent({{tuple, true, L}, _}, Col, Ll, M, Ind, LD, W) ->
    ci_tag_tuple(L, Col, Ll, M, Ind, LD, W + 1);
check_indent({{tuple, false, L}, _}, Col, Ll, M, Ind, LD, W) ->
    ci_list(L, Col + 1, Ll, M, Ind, LD, W + 1);
check_indent({{map, Pairs}, _}, Col, Ll, M, Ind, LD, W) ->
    ci_map(Pairs, Col + 2, Ll, M, Ind, LD, W + 2);
check_indent({{record, _Name, _Pairs}, _}, _Col, _Ll, _M, Ind, _LD, _W) ->
    Ind;
check_indent(_, _Col, _Ll, _M, Ind, _LD, _W) ->
    Ind.

ci_tag_tuple([{_Tag, TLen} | L], Col, Ll, M, Ind, LD, W) ->
    TagInd = TLen + 2,
    TCol = Col + TagInd,
    if
        Ind > 0, TagInd > Ind ->
            Col1 = Col + Ind,
            if
                M + Col1 =< Ll; Col1 =< Ll div 2 ->
                    ci_tail(L, Col1, TCol, Ll, M, Ind, LD, W + TLen);
                true ->
                    throw(no_good)
            end;
        M + TCol < Ll; TCol < Ll div 2 ->
            ci_list(L, TCol, Ll, M, Ind, LD, W + TLen + 1);
        true ->
            throw(no_good)
    end;
ci_tag_tuple(_, _Col, _Ll, _M, Ind, _LD, _W) ->
    Ind.

ci_map([P | Ps], Col, Ll, M, Ind, LD, W) ->
    PW = ci_pair(P, Col, Ll, M, Ind, last_depth(Ps, LD), W),
    ci_pairs_tail(Ps, Col, Col + PW, Ll, M, Ind, LD, W + PW);
ci_map(_, _Col, _Ll, _M, Ind, _LD, _W) ->
    Ind.

ci_pairs_tail([{_, Len} = P | Ps], Col0, Col, Ll, M, Ind, LD, W) ->
    LD1 = last_depth(Ps, LD),
    ELen = 1 + Len,
    case fits_inline(ELen, LD1, Col, Ll, M, W) andalso ?LEAF_PAIR(P) of
        true ->
            ci_pairs_tail(Ps, Col0, Col + ELen, Ll, M, Ind, LD, W + ELen);
        false ->
            PW = ci_pair(P, Col0, Ll, M, Ind, LD1, 0),
            ci_pairs_tail(Ps, Col0, Col0 + PW, Ll, M, Ind, LD, PW)
    end;
ci_pairs_tail(_, _Col0, _Col, _Ll, _M, Ind, _LD, _W) ->
    Ind.

ci_pair({{map_pair, _K, _V}, Len} = P, Col, Ll, M, _Ind, LD, W)
  when Len < Ll - Col - LD, Len + W + LD =< M ->
    case ?LEAF_PAIR(P) of
        true -> Len;
        false -> Ll
    end;
ci_pair({{map_pair, K, V}, _}, Col0, Ll, M, Ind, LD, W0) ->
    check_indent(K, Col0, Ll, M, Ind, LD, W0),
    I = map_value_indent(Ind),
    check_indent(V, Col0 + I, Ll, M, Ind, LD, 0),
    Ll.

map_value_indent(TInd) when TInd > 0 -> TInd;
map_value_indent(_) -> 4.

ci_list({dots, _}, _Col0, _Ll, _M, Ind, _LD, _W) ->
    Ind;
ci_list([E | Es], Col0, Ll, M, Ind, LD, W) ->
    WE = ci_element(E, Col0, Ll, M, Ind, last_depth(Es, LD), W),
    ci_tail(Es, Col0, Col0 + WE, Ll, M, Ind, LD, W + WE).

ci_tail([], _Col0, _Col, _Ll, _M, Ind, _LD, _W) ->
    Ind;
ci_tail([{_, Len} = E | Es], Col0, Col, Ll, M, Ind, LD, W) ->
    LD1 = last_depth(Es, LD),
    ELen = 1 + Len,
    case fits_inline(ELen, LD1, Col, Ll, M, W) andalso ?LEAF(E) of
        true ->
            ci_tail(Es, Col0, Col + ELen, Ll, M, Ind, LD, W + ELen);
        false ->
            WE = ci_element(E, Col0, Ll, M, Ind, LD1, 0),
            ci_tail(Es, Col0, Col0 + WE, Ll, M, Ind, LD, WE)
    end;
ci_tail({dots, _}, _Col0, _Col, _Ll, _M, Ind, _LD, _W) ->
    Ind;
ci_tail({_, Len} = E, _Col0, Col, Ll, M, Ind, LD, W)
  when Len + 1 < Ll - Col - (LD + 1), Len + 1 + W + (LD + 1) =< M, ?LEAF(E) ->
    Ind;
ci_tail(E, _Col0, Col, Ll, M, Ind, LD, _W) ->
    check_indent(E, Col, Ll, M, Ind, LD + 1, 0).

ci_element({_, Len} = E, Col, Ll, M, _Ind, LD, W)
  when Len < Ll - Col - LD, Len + W + LD =< M, ?LEAF(E) ->
    Len;
ci_element(E, Col, Ll, M, Ind, LD, W) ->
    check_indent(E, Col, Ll, M, Ind, LD, W),
    Ll.

last_depth([_ | _], _LD) -> 0;
last_depth(_, LD) -> LD + 1.

%% indent(Col): Col-1 spaces; indent(N, Ind): N more spaces. The deep
%% shapes are OTP's (visible only in the unflattened result).
indent(N) when is_integer(N), N > 0 -> spaces(N - 1).

indent(1, Ind) -> [$\s | Ind];
indent(4, Ind) -> [[$\s, $\s], [$\s, $\s] | Ind];
indent(N, Ind) when is_integer(N), N > 0 -> [spaces(N) | Ind].

spaces(0) -> [];
spaces(2) -> [$\s, $\s];
spaces(3) -> [$\s, $\s, $\s];
spaces(N) when N band 1 =:= 0 ->
    S = spaces(N bsr 1),
    [S | S];
spaces(N) ->
    S = spaces(N bsr 1),
    [$\s, S | S].
