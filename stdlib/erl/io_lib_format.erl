%% io_lib_format: the engine behind io:format/io_lib:format (OTP 25 output).
%% Owns parsing of control sequences (~F.P.PadMod C) and rendering of each
%% one. Line breaking for ~p/~P is delegated to io_lib_pretty. Any bad
%% format or argument makes this module crash; io_lib:format turns that
%% into error:badarg.
-module(io_lib_format).

-export([fwrite/2, indentation/2, fwrite_g/1]).

%% A parsed control sequence:
%% {ctl, Char, Args, Width, Adjust, Precision, PadChar, Encoding, Strings}

fwrite(Format, Args) when is_atom(Format) ->
    fwrite(atom_to_list(Format), Args);
fwrite(Format, Args) when is_binary(Format) ->
    fwrite(binary_to_list(Format), Args);
fwrite(Format, Args) when is_list(Args) ->
    {Parsed, []} = collect(Format, Args, []),
    build(Parsed, 0).

%% ---------------------------------------------------------------------
%% Parsing

collect([$~ | Fmt0], Args0, Acc) ->
    {Ctl, Fmt, Args} = control(Fmt0, Args0),
    collect(Fmt, Args, [Ctl | Acc]);
collect([C | Fmt], Args, Acc) ->
    collect(Fmt, Args, [C | Acc]);
collect([], Args, Acc) ->
    {lists:reverse(Acc, []), Args}.

control(Fmt0, Args0) ->
    {Width, Adjust, Fmt1, Args1} = field_width(Fmt0, Args0),
    {Prec, Fmt2, Args2} = precision(Fmt1, Args1),
    {Pad, Fmt3, Args3} = pad_char(Fmt2, Args2),
    {Enc, Str, Fmt4} = modifiers(Fmt3, latin1, true),
    {C, As, Fmt5, Args5} = control_args(Fmt4, Args3),
    {{ctl, C, As, Width, Adjust, Prec, Pad, Enc, Str}, Fmt5, Args5}.

field_width([$- | Fmt0], Args0) ->
    {F, Fmt, Args} = field_value(Fmt0, Args0),
    width_adjust(negate(F), Fmt, Args);
field_width(Fmt0, Args0) ->
    {F, Fmt, Args} = field_value(Fmt0, Args0),
    width_adjust(F, Fmt, Args).

negate(F) -> -F.

width_adjust(none, Fmt, Args) -> {none, right, Fmt, Args};
width_adjust(F, Fmt, Args) when F < 0 -> {-F, left, Fmt, Args};
width_adjust(F, Fmt, Args) -> {F, right, Fmt, Args}.

precision([$. | Fmt], Args) ->
    case field_value(Fmt, Args) of
        {P, _, _} when is_integer(P), P < 0 -> erlang:error(badarg);
        Result -> Result
    end;
precision(Fmt, Args) ->
    {none, Fmt, Args}.

field_value([$* | Fmt], [A | Args]) when is_integer(A) ->
    {A, Fmt, Args};
field_value([C | Fmt], Args) when is_integer(C), C >= $0, C =< $9 ->
    digits([C | Fmt], Args, 0);
field_value(Fmt, Args) ->
    {none, Fmt, Args}.

digits([C | Fmt], Args, N) when is_integer(C), C >= $0, C =< $9 ->
    digits(Fmt, Args, 10 * N + (C - $0));
digits(Fmt, Args, N) ->
    {N, Fmt, Args}.

pad_char([$., $* | Fmt], [Pad | Args]) -> {Pad, Fmt, Args};
pad_char([$., Pad | Fmt], Args) -> {Pad, Fmt, Args};
pad_char(Fmt, Args) -> {$\s, Fmt, Args}.

modifiers([$t | Fmt], _Enc, Str) -> modifiers(Fmt, unicode, Str);
modifiers([$l | Fmt], Enc, _Str) -> modifiers(Fmt, Enc, false);
modifiers(Fmt, Enc, Str) -> {Enc, Str, Fmt}.

control_args([C | Fmt], [A | Args])
  when C =:= $w; C =:= $p; C =:= $s; C =:= $e; C =:= $f; C =:= $g;
       C =:= $b; C =:= $B; C =:= $+; C =:= $#; C =:= $c; C =:= $i ->
    {C, [A], Fmt, Args};
control_args([C | Fmt], [A, B | Args])
  when C =:= $W; C =:= $P; C =:= $x; C =:= $X ->
    {C, [A, B], Fmt, Args};
control_args([C | Fmt], Args) when C =:= $~; C =:= $n ->
    {C, [], Fmt, Args}.

%% ---------------------------------------------------------------------
%% Building; Col is the current column (0-based) of the output so far.

%% Like OTP, the results of "small" controls are flattened into the
%% output list; ~s (of a non-atom), ~w, ~W, ~p, ~P stay one deep element.
build([{ctl, C, As, _, _, _, _, _, _} = Ctl | Rest], Col) ->
    S = render(Ctl, Col),
    Col1 = indentation(S, Col),
    case is_big(C, As) of
        true -> [S | build(Rest, Col1)];
        false -> lists:flatten(S) ++ build(Rest, Col1)
    end;
build([$\n | Rest], _Col) ->
    [$\n | build(Rest, 0)];
build([$\t | Rest], Col) ->
    [$\t | build(Rest, ((Col + 8) div 8) * 8)];
build([C | Rest], Col) ->
    [C | build(Rest, Col + 1)];
build([], _Col) ->
    [].

is_big($s, [A]) -> not is_atom(A);
is_big(C, _) -> C =:= $w orelse C =:= $W orelse C =:= $p orelse C =:= $P.

%% indentation(Chars, StartColumn) -> column after writing Chars.
indentation([$\n | Cs], _I) -> indentation(Cs, 0);
indentation([$\t | Cs], I) -> indentation(Cs, ((I + 8) div 8) * 8);
indentation([C | Cs], I) when is_integer(C) -> indentation(Cs, I + 1);
indentation([C | Cs], I) -> indentation(Cs, indentation(C, I));
indentation(Bin, I) when is_binary(Bin) ->
    indentation(unicode:characters_to_list(Bin), I);
indentation([], I) -> I.

render({ctl, C, As, F, Adj, P, Pad, Enc, Str}, Col) ->
    control(C, As, F, Adj, P, Pad, Enc, Str, Col).

control($s, [A], F, Adj, P, Pad, latin1, _Str, _Col) when is_atom(A) ->
    string(latin1_chars(atom_to_list(A)), F, Adj, P, Pad);
control($s, [A], F, Adj, P, Pad, unicode, _Str, _Col) when is_atom(A) ->
    string(atom_to_list(A), F, Adj, P, Pad);
control($s, [L], F, Adj, P, Pad, latin1, _Str, _Col) ->
    string(latin1_chars(L), F, Adj, P, Pad);
control($s, [L], F, Adj, P, Pad, unicode, _Str, _Col) ->
    string(unicode_chars(L), F, Adj, P, Pad);
control($e, [A], F, Adj, P, Pad, _Enc, _Str, _Col) when is_float(A) ->
    fwrite_e(A, F, Adj, P, Pad);
control($f, [A], F, Adj, P, Pad, _Enc, _Str, _Col) when is_float(A) ->
    fwrite_f(A, F, Adj, P, Pad);
control($g, [A], F, Adj, P, Pad, _Enc, _Str, _Col) when is_float(A) ->
    fwrite_g(A, F, Adj, P, Pad);
control($b, [A], F, Adj, P, Pad, _Enc, _Str, _Col) when is_integer(A) ->
    integer(A, F, Adj, base(P), Pad, [], true);
control($B, [A], F, Adj, P, Pad, _Enc, _Str, _Col) when is_integer(A) ->
    integer(A, F, Adj, base(P), Pad, [], false);
control($x, [A, Prefix], F, Adj, P, Pad, _Enc, _Str, _Col) when is_integer(A) ->
    integer(A, F, Adj, base(P), Pad, prefix(Prefix), true);
control($X, [A, Prefix], F, Adj, P, Pad, _Enc, _Str, _Col) when is_integer(A) ->
    integer(A, F, Adj, base(P), Pad, prefix(Prefix), false);
control($+, [A], F, Adj, P, Pad, _Enc, _Str, _Col) when is_integer(A) ->
    Base = base(P),
    integer(A, F, Adj, Base, Pad, [integer_to_list(Base), $#], true);
control($#, [A], F, Adj, P, Pad, _Enc, _Str, _Col) when is_integer(A) ->
    Base = base(P),
    integer(A, F, Adj, Base, Pad, [integer_to_list(Base), $#], false);
control($c, [A], F, Adj, P, Pad, unicode, _Str, _Col) when is_integer(A) ->
    char(A, F, Adj, P, Pad);
control($c, [A], F, Adj, P, Pad, latin1, _Str, _Col) when is_integer(A) ->
    char(A band 255, F, Adj, P, Pad);
control($~, [], F, Adj, P, Pad, _Enc, _Str, _Col) ->
    char($~, F, Adj, P, Pad);
control($n, [], F, Adj, _P, _Pad, _Enc, _Str, _Col) ->
    newline(F, Adj);
control($i, [_], _F, _Adj, _P, _Pad, _Enc, _Str, _Col) ->
    [];
control($w, [A], F, Adj, P, Pad, Enc, _Str, _Col) ->
    term(io_lib:write(A, [{depth, -1}, {encoding, Enc}]), F, Adj, P, Pad, Enc);
control($W, [A, Depth], F, Adj, P, Pad, Enc, _Str, _Col) when is_integer(Depth) ->
    term(io_lib:write(A, [{depth, Depth}, {encoding, Enc}]), F, Adj, P, Pad, Enc);
control($p, [A], F, Adj, P, Pad, Enc, Str, Col) ->
    print(A, -1, F, Adj, P, Pad, Enc, Str, Col);
control($P, [A, Depth], F, Adj, P, Pad, Enc, Str, Col) when is_integer(Depth) ->
    print(A, Depth, F, Adj, P, Pad, Enc, Str, Col).

prefix(Prefix) when is_atom(Prefix) -> atom_to_list(Prefix);
prefix(Prefix) ->
    true = io_lib:deep_char_list(Prefix),
    Prefix.

base(none) -> 10;
base(B) when is_integer(B) -> B.

%% ---------------------------------------------------------------------
%% ~p: width is the line length, precision the start column.

print(T, D, none, Adj, P, Pad, Enc, Str, Col) ->
    print(T, D, 80, Adj, P, Pad, Enc, Str, Col);
print(T, D, F, Adj, none, Pad, Enc, Str, Col) ->
    print(T, D, F, Adj, Col + 1, Pad, Enc, Str, Col);
print(T, D, F, right, P, _Pad, Enc, Str, _Col) ->
    io_lib_pretty:print(T, P, F, D, Enc, Str).

%% ---------------------------------------------------------------------
%% Terms, strings, characters

%% term(Chars, Width, Adjust, Precision, Pad): fit Chars into a field;
%% too long gives a field of asterisks.
term(T, none, _Adj, none, _Pad, _Enc) -> T;
term(T, none, Adj, P, Pad, Enc) -> term(T, P, Adj, P, Pad, Enc);
term(T, F, Adj, P0, Pad, _Enc) ->
    L = io_lib:chars_length(T),
    P = erlang:min(L, case P0 of none -> F; _ -> erlang:min(P0, F) end),
    if
        L > P -> adjust(chars($*, P), chars(Pad, F - P), Adj);
        F >= P -> adjust(T, chars(Pad, F - L), Adj)
    end.

latin1_chars([C | Cs]) when is_integer(C), C >= 0, C =< 255 ->
    [C | latin1_chars(Cs)];
latin1_chars([I | Cs]) ->
    [latin1_chars(I) | latin1_chars(Cs)];
latin1_chars([]) -> [];
latin1_chars(B) when is_binary(B) -> binary_to_list(B).

unicode_chars([C | Cs]) when is_integer(C), C >= 0 ->
    [C | unicode_chars(Cs)];
unicode_chars([I | Cs]) ->
    [unicode_chars(I) | unicode_chars(Cs)];
unicode_chars([]) -> [];
unicode_chars(B) when is_binary(B) ->
    case unicode:characters_to_list(B) of
        L when is_list(L) -> L;
        _ -> binary_to_list(B)
    end.

string(S, none, _Adj, none, _Pad) -> S;
string(S, F, Adj, none, Pad) ->
    string_field(S, F, Adj, io_lib:chars_length(S), Pad);
string(S, none, _Adj, P, Pad) ->
    string_field(S, P, left, io_lib:chars_length(S), Pad);
string(S, F, Adj, P, Pad) when F >= P ->
    N = io_lib:chars_length(S),
    if
        F > P ->
            if
                N > P -> adjust(truncate(S, P), chars(Pad, F - P), Adj);
                N < P -> adjust([S | chars(Pad, P - N)], chars(Pad, F - P), Adj);
                true -> adjust(S, chars(Pad, F - P), Adj)
            end;
        true ->
            string_field(S, F, Adj, N, Pad)
    end.

string_field(S, F, _Adj, N, _Pad) when N > F -> truncate(S, F);
string_field(S, F, Adj, N, Pad) when N < F -> adjust(S, chars(Pad, F - N), Adj);
string_field(S, _F, _Adj, _N, _Pad) -> S.

truncate(S, N) -> string:slice(S, 0, N).

char(C, none, _Adj, none, _Pad) -> [C];
char(C, F, _Adj, none, _Pad) -> chars(C, F);
char(C, none, _Adj, P, _Pad) -> chars(C, P);
char(C, F, Adj, P, Pad) when F >= P ->
    adjust(chars(C, P), chars(Pad, F - P), Adj).

newline(none, _Adj) -> "\n";
newline(F, right) -> chars($\n, F).

integer(Int, F, Adj, Base, Pad, Prefix, Lower) when Base >= 2, Base =< 36 ->
    if
        Int < 0 ->
            S = lower(integer_to_list(-Int, Base), Lower),
            term([$-, Prefix | S], F, Adj, none, Pad, latin1);
        true ->
            S = lower(integer_to_list(Int, Base), Lower),
            term([Prefix | S], F, Adj, none, Pad, latin1)
    end.

lower(S, false) -> S;
lower([C | Cs], true) when C >= $A, C =< $Z -> [C - $A + $a | lower(Cs, true)];
lower([C | Cs], true) -> [C | lower(Cs, true)];
lower([], true) -> [].

adjust(Data, [], _) -> Data;
adjust(Data, Pad, left) -> [Data | Pad];
adjust(Data, Pad, right) -> [Pad | Data].

%% A deep list of N copies of C, shaped as OTP builds it.
chars(_C, 0) -> [];
chars(C, 1) -> [C];
chars(C, 2) -> [C, C];
chars(C, 3) -> [C, C, C];
chars(C, N) when is_integer(N), N band 1 =:= 0 ->
    S = chars(C, N bsr 1),
    [S | S];
chars(C, N) when is_integer(N), N > 0 ->
    S = chars(C, N bsr 1),
    [C, S | S].

%% ---------------------------------------------------------------------
%% Floats: ~e ~f ~g work from the 21 significant digits that
%% float_to_list/1 gives ("d.dddddddddddddddddddde+XX"), rounding half up.

fwrite_e(Fl, none, Adj, none, Pad) -> fwrite_e(Fl, none, Adj, 6, Pad);
fwrite_e(Fl, none, _Adj, P, _Pad) when P >= 2 -> float_e(Fl, float_data(Fl), P);
fwrite_e(Fl, F, Adj, none, Pad) -> fwrite_e(Fl, F, Adj, 6, Pad);
fwrite_e(Fl, F, Adj, P, Pad) when P >= 2 ->
    term(float_e(Fl, float_data(Fl), P), F, Adj, F, Pad, latin1).

float_e(Fl, {Ds, E}, P) ->
    Sign = signbit(Fl),
    case mantissa(Ds, 1, P - 1) of
        {[$0 | Fs], true} -> [Sign, [$1 | Fs] | exponent(E)];
        {Fs, false} -> [Sign, Fs | exponent(E - 1)]
    end.

%% mantissa(Digits, IntCount, DecCount) -> {Chars, Carry}
mantissa(Ds, 0, Dc) ->
    {Cs, C} = decimals(Ds, Dc),
    {[$. | Cs], C};
mantissa([D | Ds], I, Dc) ->
    case mantissa(Ds, I - 1, Dc) of
        {Cs, true} when D =:= $9 -> {[$0 | Cs], true};
        {Cs, true} -> {[D + 1 | Cs], false};
        {Cs, false} -> {[D | Cs], false}
    end;
mantissa([], I, Dc) ->
    {lists:duplicate(I, $0) ++ [$. | lists:duplicate(Dc, $0)], false}.

decimals([D | _], 0) when D >= $5 -> {[], true};
decimals([_ | _], 0) -> {[], false};
decimals([D | Ds], Dc) ->
    case decimals(Ds, Dc - 1) of
        {Cs, true} when D =:= $9 -> {[$0 | Cs], true};
        {Cs, true} -> {[D + 1 | Cs], false};
        {Cs, false} -> {[D | Cs], false}
    end;
decimals([], Dc) -> {lists:duplicate(Dc, $0), false}.

exponent(E) when E >= 0 -> [$e, $+ | integer_to_list(E)];
exponent(E) -> [$e | integer_to_list(E)].

fwrite_f(Fl, none, Adj, none, Pad) -> fwrite_f(Fl, none, Adj, 6, Pad);
fwrite_f(Fl, none, _Adj, P, _Pad) when P >= 1 -> float_f(Fl, float_data(Fl), P);
fwrite_f(Fl, F, Adj, none, Pad) -> fwrite_f(Fl, F, Adj, 6, Pad);
fwrite_f(Fl, F, Adj, P, Pad) when P >= 1 ->
    term(float_f(Fl, float_data(Fl), P), F, Adj, F, Pad, latin1).

float_f(Fl, Fd, P) ->
    signbit(Fl) ++ abs_float_f(Fd, P).

abs_float_f({Ds, E}, P) when E =< 0 ->
    abs_float_f({lists:duplicate(-E + 1, $0) ++ Ds, 1}, P);
abs_float_f({Ds, E}, P) ->
    case mantissa(Ds, E, P) of
        {Fs, true} -> "1" ++ Fs;
        {Fs, false} -> Fs
    end.

signbit(Fl) when Fl < 0.0 -> [$-];
signbit(Fl) when Fl > 0.0 -> [];
signbit(Fl) ->
    case <<Fl/float>> of
        <<1:1, _:63>> -> [$-];
        _ -> []
    end.

%% float_data(Float) -> {Digits, Exponent} with value 0.D1D2... * 10^Exponent
float_data(Fl) ->
    float_data(float_to_list(Fl), []).

float_data([$e | E], Ds) -> {lists:reverse(Ds, []), list_to_integer(E) + 1};
float_data([D | Cs], Ds) when D >= $0, D =< $9 -> float_data(Cs, [D | Ds]);
float_data([_ | Cs], Ds) -> float_data(Cs, Ds).

fwrite_g(Float) -> float_to_list(Float, [short]).

fwrite_g(Fl, F, Adj, none, Pad) -> fwrite_g(Fl, F, Adj, 6, Pad);
fwrite_g(Fl, F, Adj, P, Pad) when P >= 1 ->
    A = abs(Fl),
    E = if
            A < 1.0e-1 -> -2;
            A < 1.0e0 -> -1;
            A < 1.0e1 -> 0;
            A < 1.0e2 -> 1;
            A < 1.0e3 -> 2;
            A < 1.0e4 -> 3;
            true -> fwrite_f
        end,
    if
        P =< 1, E =:= -1; P - 1 > E, E >= -1 ->
            fwrite_f(Fl, F, Adj, P - 1 - E, Pad);
        P =< 1 ->
            fwrite_e(Fl, F, Adj, 2, Pad);
        true ->
            fwrite_e(Fl, F, Adj, P, Pad)
    end.
