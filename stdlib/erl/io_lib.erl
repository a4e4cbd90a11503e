%% io_lib: turning terms into characters (OTP 25 behaviour).
%% Owns: write/1,2, write_atom, write_string, write_char, printable checks,
%% and the public entry points of format/print. The format engine lives in
%% io_lib_format, the line-breaking printer in io_lib_pretty.
-module(io_lib).

-export([format/2, fwrite/2, format/3, fwrite/3, print/1, print/4,
         write/1, write/2, write/3,
         write_atom/1, write_atom_as_latin1/1, quote_atom/2,
         write_string/1, write_string/2, write_latin1_string/1,
         write_latin1_string/2, write_string_as_latin1/1,
         write_string_as_latin1/2, write_char/1, write_latin1_char/1,
         write_char_as_latin1/1, write_unicode_string/1, write_unicode_char/1,
         char_list/1, latin1_char_list/1, deep_char_list/1,
         deep_latin1_char_list/1, deep_unicode_char_list/1,
         printable_list/1, printable_latin1_list/1,
         printable_unicode_list/1, nl/0, chars_length/1,
         indentation/2, write_binary/2]).

%% ---------------------------------------------------------------------
%% Formatting entry points

format(Format, Args) ->
    try io_lib_format:fwrite(Format, Args)
    catch
        _:_ -> erlang:error(badarg, [Format, Args])
    end.

fwrite(Format, Args) ->
    format(Format, Args).

%% Options (chars_limit) are accepted and ignored.
format(Format, Args, _Options) ->
    format(Format, Args).

fwrite(Format, Args, Options) ->
    format(Format, Args, Options).

print(Term) ->
    io_lib_pretty:print(Term, 1, 80, -1).

print(Term, Column, LineLength, Depth) ->
    io_lib_pretty:print(Term, Column, LineLength, Depth).

nl() -> "\n".

indentation(Chars, Start) ->
    io_lib_format:indentation(Chars, Start).

%% ---------------------------------------------------------------------
%% write: one-line rendering of a term, as ~w does. The nesting of the
%% returned deep list is OTP's too (it shows when the result is printed
%% with ~p without flattening).

write(Term) -> write1(Term, -1, latin1).

%% write(Term, Depth) or write(Term, Options): options depth and encoding
%% (chars_limit is accepted and ignored).
write(Term, Options) when is_list(Options) ->
    Depth = option(depth, Options, -1),
    Enc = option(encoding, Options, latin1),
    case Depth of
        0 -> "...";
        _ -> write1(Term, Depth, Enc)
    end;
write(Term, Depth) ->
    write(Term, [{depth, Depth}, {encoding, latin1}]).

%% write(Term, Depth, Pretty)
write(Term, D, true) -> io_lib_pretty:print(Term, 1, 80, D);
write(Term, D, false) -> write(Term, D).

option(Key, Options, Default) ->
    case lists:keyfind(Key, 1, Options) of
        {Key, Value} -> Value;
        _ -> Default
    end.

%% write1(Term, Depth, Encoding): Encoding decides how atoms with code
%% points above 255 are shown (latin1: escaped as \x{...}).
write1(_Term, 0, _Enc) -> "...";
write1(Term, _D, _Enc) when is_integer(Term) -> integer_to_list(Term);
write1(Term, _D, _Enc) when is_float(Term) -> float_to_list(Term, [short]);
write1(Atom, _D, latin1) when is_atom(Atom) -> write_atom_as_latin1(Atom);
write1(Atom, _D, _Enc) when is_atom(Atom) -> write_atom(Atom);
write1(Term, _D, _Enc) when is_port(Term) -> erlang:port_to_list(Term);
write1(Term, _D, _Enc) when is_pid(Term) -> pid_to_list(Term);
write1(Term, _D, _Enc) when is_reference(Term) -> erlang:ref_to_list(Term);
write1(<<_/bitstring>> = Bin, D, _Enc) -> write_binary(Bin, D);
write1([], _D, _Enc) -> "[]";
write1({}, _D, _Enc) -> "{}";
write1([_ | _], 1, _Enc) -> "[...]";
write1([H | T], D, Enc) ->
    [$[, [write1(H, D - 1, Enc) | write_tail(T, D - 1, Enc)], $]];
write1(F, _D, _Enc) when is_function(F) -> erlang:fun_to_list(F);
write1(Map, D, Enc) when is_map(Map) -> write_map(Map, D, Enc);
write1(T, 1, _Enc) when is_tuple(T) -> "{...}";
write1(T, D, Enc) when is_tuple(T) ->
    [${, [write1(element(1, T), D - 1, Enc) | write_tuple(T, 2, D - 1, Enc)], $}].

write_tail([], _D, _Enc) -> "";
write_tail(_, 1, _Enc) -> [$| | "..."];
write_tail([H | T], D, Enc) -> [$,, write1(H, D - 1, Enc) | write_tail(T, D - 1, Enc)];
write_tail(Other, D, Enc) -> [$|, write1(Other, D - 1, Enc)].

write_tuple(T, I, _D, _Enc) when I > tuple_size(T) -> "";
write_tuple(_T, _I, 1, _Enc) -> [$, | "..."];
write_tuple(T, I, D, Enc) ->
    [$,, write1(element(I, T), D - 1, Enc) | write_tuple(T, I + 1, D - 1, Enc)].

%% OTP 25 quirks kept: depth 1 gives "#{}", and the "..." is added as
%% soon as the depth budget runs out, even after the last pair.
write_map(_Map, 1, _Enc) -> "#{}";
write_map(Map, D, Enc) ->
    case krarup_maps:iteration_list(Map) of
        [{K, V} | KVs] ->
            D0 = D - 1,
            [$#, ${, [write_assoc(K, V, D0, Enc) | write_map_body(KVs, D0, D0, Enc)], $}];
        [] -> "#{}"
    end.

write_map_body(_, 1, _D0, _Enc) -> ",...";
write_map_body([{K, V} | KVs], D, D0, Enc) ->
    [$,, write_assoc(K, V, D0, Enc) | write_map_body(KVs, D - 1, D0, Enc)];
write_map_body([], _D, _D0, _Enc) -> "".

write_assoc(K, V, D, Enc) ->
    [write1(K, D, Enc), " => ", write1(V, D, Enc)].

%% write_binary(Bin, Depth): <<1,2,3>>; the body is a flat list of the
%% number strings and separators (io_lib_pretty relies on that shape).
write_binary(Bin, D) ->
    [$<, $<, bin_body(Bin, D), $>, $>].

bin_body(<<>>, _D) -> [];
bin_body(_, 1) -> ["..."];
bin_body(<<X:8>>, _D) -> [integer_to_list(X)];
bin_body(<<X:8, Rest/bitstring>>, D) ->
    [integer_to_list(X), $, | bin_body(Rest, D - 1)];
bin_body(Bits, _D) ->
    Size = bit_size(Bits),
    <<X:Size>> = Bits,
    [integer_to_list(X), $:, integer_to_list(Size)].

%% ---------------------------------------------------------------------
%% Atoms

write_atom(Atom) ->
    Chars = atom_to_list(Atom),
    case quote_atom(Atom, Chars) of
        true -> [$' | quoted_chars(Chars, $', unicode, "'")];
        false -> Chars
    end.

write_atom_as_latin1(Atom) ->
    Chars = atom_to_list(Atom),
    case quote_atom(Atom, Chars) of
        true -> [$' | quoted_chars(Chars, $', latin1, "'")];
        false -> Chars
    end.

%% quote_atom(Atom, Chars) -> true when the atom must be written in quotes.
quote_atom(Atom, Chars) ->
    case reserved_word(Atom) of
        true -> true;
        false ->
            case Chars of
                [C | Cs] when C >= $a, C =< $z -> not name_chars(Cs);
                [C | Cs] when C >= 16#DF, C =< 16#FF, C =/= 16#F7 ->
                    not name_chars(Cs);
                _ -> true
            end
    end.

name_chars([C | Cs]) ->
    case name_char(C) of
        true -> name_chars(Cs);
        false -> false
    end;
name_chars([]) -> true.

name_char(C) when C >= $a, C =< $z -> true;
name_char(C) when C >= $A, C =< $Z -> true;
name_char(C) when C >= $0, C =< $9 -> true;
name_char($_) -> true;
name_char($@) -> true;
name_char(C) when C >= 16#DF, C =< 16#FF, C =/= 16#F7 -> true;
name_char(C) when C >= 16#C0, C =< 16#DE, C =/= 16#D7 -> true;
name_char(_) -> false.

reserved_word('after') -> true;
reserved_word('begin') -> true;
reserved_word('case') -> true;
reserved_word('try') -> true;
reserved_word('cond') -> true;
reserved_word('catch') -> true;
reserved_word('andalso') -> true;
reserved_word('orelse') -> true;
reserved_word('end') -> true;
reserved_word('fun') -> true;
reserved_word('if') -> true;
reserved_word('let') -> true;
reserved_word('of') -> true;
reserved_word('receive') -> true;
reserved_word('when') -> true;
reserved_word('bnot') -> true;
reserved_word('not') -> true;
reserved_word('div') -> true;
reserved_word('rem') -> true;
reserved_word('band') -> true;
reserved_word('and') -> true;
reserved_word('bor') -> true;
reserved_word('bxor') -> true;
reserved_word('bsl') -> true;
reserved_word('bsr') -> true;
reserved_word('or') -> true;
reserved_word('xor') -> true;
reserved_word(_) -> false.

%% ---------------------------------------------------------------------
%% Strings and characters

write_string(S) -> write_string(S, $").

write_string(S, Q) -> [Q | quoted_chars(S, Q, unicode, [Q])].

write_latin1_string(S) -> write_latin1_string(S, $").

write_latin1_string(S, Q) -> [Q | quoted_chars(S, Q, latin1, [Q])].

write_string_as_latin1(S) -> write_string_as_latin1(S, $").

write_string_as_latin1(S, Q) -> [Q | quoted_chars(S, Q, latin1, [Q])].

%% quoted_chars(Chars, QuoteChar, Encoding, Tail) -> escaped flat characters
quoted_chars([C | Cs], Q, Enc, Tail) ->
    escape_char(C, Q, Enc, quoted_chars(Cs, Q, Enc, Tail));
quoted_chars([], _Q, _Enc, Tail) -> Tail.

escape_char(Q, Q, _Enc, Tail) -> [$\\, Q | Tail];
escape_char($\\, _Q, _Enc, Tail) -> [$\\, $\\ | Tail];
escape_char(C, _Q, _Enc, Tail) when C >= $\s, C =< $~ -> [C | Tail];
escape_char(C, _Q, latin1, Tail) when C >= 16#A0, C =< 16#FF -> [C | Tail];
escape_char(C, _Q, unicode, Tail) when C >= 16#A0 -> [C | Tail];
escape_char($\n, _Q, _Enc, Tail) -> [$\\, $n | Tail];
escape_char($\r, _Q, _Enc, Tail) -> [$\\, $r | Tail];
escape_char($\t, _Q, _Enc, Tail) -> [$\\, $t | Tail];
escape_char($\v, _Q, _Enc, Tail) -> [$\\, $v | Tail];
escape_char($\b, _Q, _Enc, Tail) -> [$\\, $b | Tail];
escape_char($\f, _Q, _Enc, Tail) -> [$\\, $f | Tail];
escape_char($\e, _Q, _Enc, Tail) -> [$\\, $e | Tail];
escape_char($\d, _Q, _Enc, Tail) -> [$\\, $d | Tail];
escape_char(C, _Q, _Enc, Tail) when C < 16#A0 ->
    [$\\, C div 64 + $0, (C div 8) band 7 + $0, C band 7 + $0 | Tail];
escape_char(C, _Q, latin1, Tail) ->
    "\\x{" ++ integer_to_list(C, 16) ++ "}" ++ Tail.

write_char($\s) -> "$\\s";
write_char(C) when is_integer(C), C >= 0 -> [$$ | escape_char(C, -1, unicode, [])].

write_unicode_string(S) -> write_string(S).

write_unicode_char(C) -> write_char(C).

write_latin1_char(C) when is_integer(C), C >= 0, C =< 255 -> write_char(C).

write_char_as_latin1(C) when is_integer(C), C >= 0 ->
    case C of
        $\s -> "$\\s";
        _ -> [$$ | escape_char(C, -1, latin1, [])]
    end.

%% ---------------------------------------------------------------------
%% Character list predicates

char_list([C | Cs]) when is_integer(C), C >= 0, C < 16#D800;
                         is_integer(C), C > 16#DFFF, C < 16#FFFE;
                         is_integer(C), C > 16#FFFF, C =< 16#10FFFF ->
    char_list(Cs);
char_list([]) -> true;
char_list(_) -> false.

latin1_char_list([C | Cs]) when is_integer(C), C >= 0, C =< 255 ->
    latin1_char_list(Cs);
latin1_char_list([]) -> true;
latin1_char_list(_) -> false.

deep_char_list(L) -> deep_unicode_char_list(L).

deep_unicode_char_list(L) -> deep_chars(L, unicode).

deep_latin1_char_list(L) -> deep_chars(L, latin1).

deep_chars([C | Cs], Enc) when is_list(C) ->
    deep_chars(C, Enc) andalso deep_chars(Cs, Enc);
deep_chars([C | Cs], latin1) when is_integer(C), C >= 0, C =< 255 ->
    deep_chars(Cs, latin1);
deep_chars([C | Cs], unicode) when is_integer(C) ->
    char_list([C]) andalso deep_chars(Cs, unicode);
deep_chars([], _Enc) -> true;
deep_chars(_, _Enc) -> false.

%% With the default printable range (latin1), printable_list/1 is
%% printable_latin1_list/1, as in `erl` started without +pc unicode.
printable_list(L) -> printable_latin1_list(L).

printable_latin1_list([C | Cs]) when is_integer(C), C >= $\s, C =< $~ ->
    printable_latin1_list(Cs);
printable_latin1_list([C | Cs]) when is_integer(C), C >= 16#A0, C =< 16#FF ->
    printable_latin1_list(Cs);
printable_latin1_list([C | Cs]) when C =:= $\n; C =:= $\r; C =:= $\t;
                                     C =:= $\v; C =:= $\b; C =:= $\f;
                                     C =:= $\e ->
    printable_latin1_list(Cs);
printable_latin1_list([]) -> true;
printable_latin1_list(_) -> false.

printable_unicode_list([C | Cs]) when is_integer(C), C >= $\s, C =< $~ ->
    printable_unicode_list(Cs);
printable_unicode_list([C | Cs]) when is_integer(C), C >= 16#A0, C < 16#D800;
                                      is_integer(C), C > 16#DFFF, C < 16#FFFE;
                                      is_integer(C), C > 16#FFFF,
                                      C =< 16#10FFFF ->
    printable_unicode_list(Cs);
printable_unicode_list([C | Cs]) when C =:= $\n; C =:= $\r; C =:= $\t;
                                      C =:= $\v; C =:= $\b; C =:= $\f;
                                      C =:= $\e ->
    printable_unicode_list(Cs);
printable_unicode_list([]) -> true;
printable_unicode_list(_) -> false.

%% chars_length(Chars): number of characters in flattenable chardata.
chars_length(S) ->
    try iolist_size(S)
    catch _:_ -> string:length(S)
    end.
