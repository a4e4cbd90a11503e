#!/usr/bin/env escript
%% Regenerates write.tsv: hex external format of a term, TAB, what io_lib:write/1 (~w) prints
%% for it (as hex UTF-8, since the text may hold tabs or newlines). Checked by display.rs tests.
%% Run from this directory: ./gen_write.escript > write.tsv
main(_) ->
    Atoms = [a, 'A', 'a b', '', 'hello_World@1', '_x', 'é', 'ü1', 'it\'s', 'back\\slash',
             'new\nline', 'tab\t', 'del\x{7f}', 'ctl\x{1}', 'maybe', 'else', 'when', 'andalso',
             'true', '[]', '{}', 'ok!', 'a.b', 'x-y', '9a', '日本', 'Ab'],
    Terms = Atoms ++
        [0, -5, 1 bsl 70, -(1 bsl 70), 1.0, -0.0, 0.1, 1.0e20, 1.5e-10, 123456.789,
         [], "abc", [1, 2 | 3], [a, [b, [c]]], {}, {a, {b}}, <<>>, <<1, 2, 3>>, <<"text">>,
         <<1:3>>, <<255, 7:4>>, #{}, #{a => 1, b => [2]}, #{1 => x, 1.0 => y, "s" => z},
         #{{k} => #{}}, [#{a => <<>>}], {[], [[]], "", <<>>}, [$\n, $\t, 0, 255, 256],
         maps:from_list([{I, x} || I <- lists:seq(1, 40)])],
    lists:foreach(fun(T) ->
                          io:format("~s\t~s~n", [hex(term_to_binary(T)),
                                                 hex(unicode:characters_to_binary(io_lib:write(T)))])
                  end, Terms).

hex(B) -> [io_lib:format("~2.16.0b", [X]) || <<X>> <= B].
