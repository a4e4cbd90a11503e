#!/usr/bin/env escript
%% Regenerates maporder.tsv: for maps of more than 32 keys, the key order of maps:keys/1 in
%% OTP 25 (which follows OTP's internal hash), as hex external format of the key list.
%% Atom and pid keys are left out: their hashes depend on OTP's internal atom/pid numbering.
%% Run from this directory: ./gen_maporder.escript > maporder.tsv
main(_) ->
    Sets = [lists:seq(1, 40), lists:seq(-50, 50), [I * 1000003 || I <- lists:seq(1, 60)],
            [1 bsl 59 + I || I <- lists:seq(1, 40)], [1 bsl 64 + I || I <- lists:seq(1, 40)],
            [-(1 bsl 70) - I || I <- lists:seq(1, 40)],
            [I / 4 || I <- lists:seq(1, 40)], [float(I) || I <- lists:seq(-20, 20)],
            [integer_to_list(I) || I <- lists:seq(1, 50)],
            [list_to_binary(integer_to_list(I)) || I <- lists:seq(1, 50)],
            [{I, I * 2} || I <- lists:seq(1, 40)], [{I, []} || I <- lists:seq(1, 40)],
            [[I, [I]] || I <- lists:seq(1, 40)], [[I | 300] || I <- lists:seq(1, 40)],
            [<<I:13>> || I <- lists:seq(1, 40)], [{} | lists:seq(1, 40)] ++ [[], {[]}],
            [#{I => I} || I <- lists:seq(1, 40)], lists:seq(1, 2000)],
    lists:foreach(fun(Keys) ->
                          M = maps:from_list([{K, 0} || K <- Keys]),
                          io:format("~s~n", [hex(term_to_binary(maps:keys(M)))])
                  end, Sets).

hex(B) -> [io_lib:format("~2.16.0b", [X]) || <<X>> <= B].
