%% Compares kr_string with OTP's string on generated strings (lists and
%% binaries), including errors. Grapheme-heavy input is left out on purpose
%% (see docs/stdlib.md).
-module(string_tests).
-export([main/0]).

main() ->
    rand:seed(exsss, {11, 12, 13}),
    Cases = cases(),
    Fails = [C || {M, F, A} = C <- Cases, not lists_tests:check(M, F, A)],
    [lists_tests:report(C) || C <- lists:sublist(Fails, 12)],
    Pool = [$a, $b, 13, 10, 16#301, 16#1F1EB, 16#1F1F7, 16#1F44D, 16#1F3FD, 16#200D, 16#1F468,
            16#1F469, 16#1100, 16#1161, 16#11A8, 16#AC00, 16#AC01, 16#FE0F, 16#0915, 16#094D,
            16#0903, 16#0E01, 16#0E33, 16#2764, 16#20, 16#E9],
    Gs = [[lists:nth(rand:uniform(length(Pool)), Pool) || _ <- lists:seq(1, rand:uniform(8))]
          || _ <- lists:seq(1, 5000)],
    GFails = [S || S <- Gs, not lists_tests:check(string, to_graphemes, [S])],
    io:format("string_tests: ~p cases, ~p failures, ~p grapheme failures~n",
              [length(Cases), length(Fails), length(GFails)]).

rs() ->
    [lists:nth(rand:uniform(12), " ,abcAB\t\nxé1") || _ <- lists:seq(1, rand:uniform(12) - 1)].
rb() ->
    case rand:uniform(3) of 1 -> unicode:characters_to_binary(rs()); _ -> rs() end.
num() ->
    lists:nth(rand:uniform(14), ["12", "-7x", "+3", "1.5", "-2.25e3z", "1,5", "abc", "", "0.5E-2",
                                 "3.", "1e5", "12.5e", "007", <<"42 rest">>]).

cases() ->
    Dirs = [leading, trailing, both],
    Where = [leading, trailing, all],
    lists:append([
      [{string, length, [rb()]}, {string, is_empty, [rb()]}, {string, equal, [rb(), rb()]},
       {string, equal, [rb(), rb(), true]},
       {string, slice, [rb(), rand:uniform(6) - 1]}, {string, slice, [rb(), rand:uniform(6) - 1, rand:uniform(6) - 1]},
       {string, pad, [rb(), rand:uniform(12)]}, {string, pad, [rb(), rand:uniform(12), lists:nth(rand:uniform(3), Dirs), $.]},
       {string, trim, [rb()]}, {string, trim, [rb(), lists:nth(rand:uniform(3), Dirs)]},
       {string, trim, [rb(), lists:nth(rand:uniform(3), Dirs), "ax "]},
       {string, chomp, [rb()]}, {string, take, [rb(), "ab "]}, {string, take, [rb(), "ab", true]},
       {string, take, [rb(), "ab ", false, trailing]},
       {string, split, [rb(), lists:nth(rand:uniform(4), [",", "a", "ab", " "])]},
       {string, split, [rb(), lists:nth(rand:uniform(4), [",", "a", "ab", <<" ">>]), lists:nth(rand:uniform(3), Where)]},
       {string, lexemes, [rb(), ", "]}, {string, lexemes, [rb(), [$a, [$\r, $\n]]]},
       {string, nth_lexeme, [rb(), rand:uniform(3), ", "]},
       {string, find, [rb(), lists:nth(rand:uniform(3), ["a", "b,", ""])]},
       {string, find, [rb(), "a", trailing]},
       {string, replace, [rb(), "a", "XY"]}, {string, replace, [rb(), ",", <<"-">>, all]},
       {string, prefix, [rb(), lists:nth(rand:uniform(3), ["a", "", " ,"])]},
       {string, reverse, [rb()]}, {string, to_graphemes, [rb()]}, {string, next_grapheme, [rb()]},
       {string, next_codepoint, [rb()]}, {string, uppercase, [rb()]}, {string, lowercase, [rb()]},
       {string, titlecase, [rb()]}, {string, casefold, [rb()]},
       {string, to_integer, [num()]}, {string, to_float, [num()]},
       {string, len, [rs()]}, {string, concat, [rs(), rs()]}, {string, chr, [rs(), $a]},
       {string, rchr, [rs(), $a]}, {string, str, [rs(), "ab"]}, {string, rstr, [rs(), "a"]},
       {string, span, [rs(), "ab"]}, {string, cspan, [rs(), ", "]},
       {string, substr, [rs(), rand:uniform(5)]}, {string, substr, [rs(), rand:uniform(5), rand:uniform(5) - 1]},
       {string, tokens, [rs(), ", "]}, {string, chars, [$x, rand:uniform(4) - 1]},
       {string, copies, [rs(), rand:uniform(3) - 1]}, {string, words, [rs()]}, {string, words, [rs(), $a]},
       {string, sub_word, [rs(), rand:uniform(3)]}, {string, strip, [rs()]},
       {string, strip, [rs(), lists:nth(rand:uniform(3), [left, right, both]), $a]},
       {string, left, [rs(), rand:uniform(8) - 1]}, {string, right, [rs(), rand:uniform(8) - 1, $.]},
       {string, centre, [rs(), rand:uniform(9) - 1]}, {string, sub_string, [rs(), rand:uniform(4)]},
       {string, sub_string, [rs(), rand:uniform(4), rand:uniform(8)]},
       {string, to_upper, [rs()]}, {string, to_lower, [rs()]}, {string, to_upper, [$é]},
       {string, join, [[rs(), rs(), rs()], ", "]}]
      || _ <- lists:seq(1, 150)]) ++
    [{string, uppercase, ["aé\x{3b1}ß\x{3c2}\x{430}\x{451}\x{101}\x{17e}"]},
     {string, lowercase, ["AÉ\x{391}\x{410}\x{401}\x{100}\x{17d}\x{178}"]},
     {string, length, ["e\x{301}\r\n"]}, {string, reverse, ["a\r\nb"]},
     {string, trim, ["\x{a0}a\x{85}\x{2028}"]}, {string, split, ["abc", ""]},
     {string, substr, ["abc", 5]}, {string, to_upper, [<<"a">>]}, {string, slice, ["abc", -1]},
     {string, join, [[], ","]}, {string, centre, ["abc", 0]}, {string, sub_word, ["a b", 3]}].
