#!/usr/bin/env escript
%% Regenerates natives.tsv: for each call {M, F, Args}, the hex external format of the call and
%% of its outcome ({ok, Result} | {Class, Reason}) as real OTP 25 computes it. The Rust test
%% bif::conformance replays every call against krarup's natives and compares the bytes.
%% Run from this directory: ./gen_natives.escript > natives.tsv
main(_) ->
    Big = 1 bsl 80,
    Calls =
        [{erlang, F, [X]} || F <- [atom_to_list, integer_to_list, float_to_list, tuple_to_list,
                                   list_to_atom, list_to_integer, list_to_float, binary_to_list,
                                   list_to_binary, iolist_to_binary, iolist_size, length, hd, tl,
                                   abs, trunc, round, float, ceil, floor, size, byte_size,
                                   bit_size, tuple_size, map_size, atom_to_binary,
                                   binary_to_atom, integer_to_binary, binary_to_integer,
                                   float_to_binary, binary_to_float, list_to_tuple,
                                   bitstring_to_list, list_to_bitstring, term_to_binary,
                                   is_atom, is_binary, is_bitstring, is_boolean, is_float,
                                   is_integer, is_list, is_map, is_number, is_tuple, phash2,
                                   'not', '-', '+', 'bnot'],
                              X <- [a, 'hello world', "123", "-45", "1.5", "x", "", [],
                                    [1, 2 | 3], <<"ab">>, <<1:3>>, 7, -7, Big, -Big, 2.5,
                                    -2.5, 1.0e20, {a, b}, {}, #{a => 1}, true, ["a", <<"b">>, 99],
                                    [256], <<"12">>, <<"2.5e3">>, "\x{263a}", 0.1]]
        ++ [{erlang, F, [X, Y]} || F <- ['+', '-', '*', '/', 'div', 'rem', 'band', 'bor', 'bxor',
                                         'bsl', 'bsr', '==', '=:=', '<', '>=', '=<', '>', '/=',
                                         '=/=', max, min, 'and', 'or', 'xor', element,
                                         integer_to_list, list_to_integer, '++', '--',
                                         float_to_list, binary_part, split_binary, make_tuple,
                                         append_element, atom_to_binary, phash2],
                                   X <- [3, -3, Big, 2.0, a, "ab", [1, 2, 1], <<"abc">>, true, 0],
                                   Y <- [2, 0, -1, Big, 0.5, b, [1], {1, 2}, false, 16,
                                         [short], [{decimals, 3}], [{scientific, 2}],
                                         [{decimals, 2}, compact], {1, 1}, utf8]]
        ++ [{lists, reverse, [X, Y]} || X <- [[1, 2], [], [1 | 2]], Y <- [[], [3], x]]
        ++ [{lists, F, [K, N, L]} || F <- [keyfind, keymember, keysearch],
                                     K <- [1, 1.0, a], N <- [1, 2, 0],
                                     L <- [[{1, a}, {a, b}], [{1.0, x}], [x, {a}], [{1} | t]]]
        ++ [{lists, member, [X, L]} || X <- [1, 1.0, a], L <- [[1, 2], [1.0], [a | b], []]]
        ++ [{maps, F, [K, M]} || F <- [get, find, is_key, remove, take],
                                 K <- [a, 1, 1.0, zz],
                                 M <- [#{a => 1, 1 => 2}, #{}, notamap, #{1.0 => x}]]
        ++ [{maps, F, [M]} || F <- [keys, values, to_list, size],
                              M <- [#{b => 1, a => 2, 1 => 3, "s" => 4, 2.0 => 5}, #{}, x]]
        ++ [{maps, put, [K, V, M]} || K <- [a, 1.0], V <- [0], M <- [#{a => 1}, #{}, x]]
        ++ [{maps, update, [K, V, M]} || K <- [a, q], V <- [0], M <- [#{a => 1}, x]]
        ++ [{maps, merge, [A, B]} || A <- [#{a => 1, b => 2}, #{}, x], B <- [#{a => 3, c => 4}, y]]
        ++ [{maps, from_list, [L]} || L <- [[{a, 1}, {a, 2}, {1, x}], [], [x], [{a, 1} | t]]]
        ++ [{maps, from_list, [[{I, I * I} || I <- lists:seq(1, 40)]]}]
        ++ [{binary, F, Args} || {F, Args} <- [{split, [<<"a,b,,c">>, <<",">>]},
                                               {split, [<<"a,b,,c">>, <<",">>, [global]]},
                                               {split, [<<"a,b,,c,">>, [<<",">>], [global, trim]]},
                                               {split, [<<"a,b,,c,">>, <<",">>, [global, trim_all]]},
                                               {split, [<<"abc">>, <<>>]},
                                               {match, [<<"hello">>, <<"ll">>]},
                                               {match, [<<"hello">>, [<<"l">>, <<"ll">>]]},
                                               {matches, [<<"aaaa">>, <<"aa">>]},
                                               {replace, [<<"a.b.c">>, <<".">>, <<"--">>]},
                                               {replace, [<<"a.b.c">>, <<".">>, <<"--">>, [global]]},
                                               {first, [<<"xy">>]}, {last, [<<"xy">>]},
                                               {first, [<<>>]}, {at, [<<"xy">>, 1]},
                                               {at, [<<"xy">>, 2]}, {copy, [<<"ab">>, 3]},
                                               {part, [<<"hello">>, 1, 3]},
                                               {part, [<<"hello">>, {5, -2}]},
                                               {part, [<<"hello">>, {4, 3}]},
                                               {bin_to_list, [<<"abc">>, {1, 2}]},
                                               {encode_unsigned, [1 bsl 70]},
                                               {encode_unsigned, [258, little]},
                                               {decode_unsigned, [<<1, 2, 3>>]},
                                               {decode_unsigned, [<<1, 2, 3>>, little]},
                                               {longest_common_prefix, [[<<"abcd">>, <<"abx">>]]},
                                               {longest_common_suffix, [[<<"xcd">>, <<"abcd">>]]}]]
        ++ [{math, F, [X]} || F <- [sqrt, sin, cos, exp, log, log2, log10, floor, ceil, atan,
                                    tanh, asin, acos],
                              X <- [0, 1, 2.5, -1, 100, a]]
        ++ [{math, F, [X, Y]} || F <- [pow, atan2, fmod], X <- [2, -8.0, 0], Y <- [3, 0.5, 0]]
        ++ [{unicode, characters_to_list, [X]} || X <- [<<"héllo"/utf8>>, ["a", <<"b">>, [99]],
                                                        <<255, 1>>, [a], [-1], "ok", [97, -1, 98],
                                                        ["ab", [-1, 5]], [<<"a">>, 16#110000],
                                                        [97 | <<255>>], ["x", <<255, 97>>, "y"],
                                                        <<97, 195>>, [97 | 98]]]
        ++ [{unicode, characters_to_binary, [X]} || X <- [<<"héllo"/utf8>>, ["a", [1000]],
                                                          <<104, 255>>, [a], <<97, 195>>, [97, -1]]]
        ++ [{erlang, float_to_list, [F, O]}
            || F <- [0.1, 1.0e-10, 123456.789, -2.5e15, 1.0e300, 5.0e-324, 0.5, 1.5, 2.5],
               O <- [[], [short], [{decimals, 0}], [{decimals, 1}], [{decimals, 10}],
                     [{scientific, 0}], [{scientific, 5}], [compact, {decimals, 4}],
                     [{decimals, 254}], [bogus]]]
        ++ [{erlang, binary_to_term, [B]}
            || B <- [term_to_binary({a, "str", [1 | 2], <<1:5>>, -Big, 3.25, #{k => v}}),
                     <<131, 107, 0, 2, 1, 2>>, <<1, 2, 3>>, <<131, 104>>,
                     term_to_binary(fun erlang:abs/1)]],
    Vals = [0, 1, -1, 2, 1 bsl 59, 1 bsl 60, -(1 bsl 60), -(1 bsl 60) - 1, Big, -Big, 1 bsl 53 + 1,
            0.0, -0.0, 1.0, 1.5, -2.5, 9007199254740992.0, 1.0e300, a, b, 'B', '', aa, [], [a],
            [a | b], "abc", "abd", [1, 2], {}, {a}, {a, b}, {b}, #{}, #{a => 1}, #{b => 0},
            #{1 => a}, #{1.0 => a}, <<>>, <<1>>, <<1:7>>, <<1, 2>>, <<0:1>>, {1, 1.0}, [1.0]],
    Nums = [0, 3, -3, 7, 1 bsl 59, -(1 bsl 60), Big, -Big, 0.5, -2.0, 1.0e300, 3.0],
    Subjects = ["hello 42 world", "a.b.c", "a1b22c", "", "aaa", "abab", <<"x,y,,z,">>, "ABC abc",
                "line1\nline2", "foo_bar baz99"],
    Patterns = ["[0-9]+", "\\.", "a*", "(a)(b)?", "b", "^l", "e$", ",", "(x)|(y)", "[a-c]+",
                "\\w+", "\\s", "\\bb", "a{2}", "(?:ab)+", "[^a-z]", "o.", "", "(", "z+?"],
    RunOpts = [[], [global], [{capture, all, list}], [{capture, first, binary}],
               [global, {capture, all_but_first, list}], [caseless], [multiline, global],
               [{capture, none}], [{capture, [1], index}]],
    ReCalls = [{re, run, [S, P, O]} || S <- Subjects, P <- Patterns, O <- RunOpts]
        ++ [{re, replace, [S, P, R, O]} || S <- Subjects, P <- Patterns, R <- ["-", "<&>", "[\\1]"],
                                           O <- [[], [global], [{return, list}], [global, {return, binary}]]]
        ++ [{re, split, [S, P, O]} || S <- Subjects, P <- Patterns,
                                      O <- [[], [{return, list}], [trim], [{parts, 2}]]],
    Calls2 = Calls ++ ReCalls
        ++ [{erlang, Op, [X, Y]} || Op <- ['<', '==', '=:='], X <- Vals, Y <- Vals]
        ++ [{erlang, Op, [X, Y]} || Op <- ['+', '-', '*', '/', 'div', 'rem', 'band', 'bxor',
                                           'bsl', 'bsr'],
                                    X <- Nums, Y <- Nums, Op =/= 'bsl' orelse not is_integer(Y) orelse Y < 100]
        ++ [{erlang, F, [X]} || F <- ['-', abs, float, round, trunc, 'bnot', integer_to_list,
                                      float_to_list, term_to_binary, phash2],
                                X <- Vals],
    lists:foreach(fun({M, F, Args} = Call) ->
                          Out = try {ok, apply(M, F, Args)}
                                catch Class:Reason -> {Class, Reason}
                                end,
                          io:format("~s\t~s~n", [hex(term_to_binary(Call)), hex(term_to_binary(Out))])
                  end, Calls2).

hex(B) -> [io_lib:format("~2.16.0b", [X]) || <<X>> <= B].
