%% The external term format's options and edge cases as OTP 25: binary_to_term ignores bytes
%% after the term (`used` counts them), refuses maps with repeated keys, and with `safe` refuses
%% to create atoms; term_to_binary compresses with zlib (`compressed`, `{compressed, Level}`,
%% kept only when not longer), honours `{minor_version, N}`, and rejects unknown options.
-module(bin_etf_options).
-export([main/0]).

run(F) ->
    try F() of
        V -> {ok, V}
    catch
        C:E -> {C, E}
    end.

show(Label, F) -> io:format("~s: ~p~n", [Label, run(F)]).

main() ->
    B = term_to_binary({a, 1}),
    show("trailing", fun() -> binary_to_term(<<B/binary, 0>>) end),
    show("trailing []", fun() -> binary_to_term(<<B/binary, 0, 1>>, []) end),
    show("used", fun() -> binary_to_term(<<B/binary, 0, 1, 2>>, [used]) end),
    show("used exact", fun() -> binary_to_term(B, [used, safe]) end),
    show("bogus option", fun() -> binary_to_term(B, [bogus]) end),
    show("improper options", fun() -> binary_to_term(B, [safe | used]) end),
    show("atom options", fun() -> binary_to_term(B, safe) end),
    show("repeated key", fun() -> binary_to_term(<<131,116,0,0,0,2,97,1,97,2,97,1,97,3>>) end),
    show("repeated key 2", fun() -> binary_to_term(<<131,116,0,0,0,2,97,1,97,2,97,1,97,2>>) end),
    show("distinct keys", fun() -> binary_to_term(<<131,116,0,0,0,2,97,1,97,2,70,63,240,0,0,0,0,0,0,97,3>>) end),
    show("safe new atom", fun() -> binary_to_term(<<131,100,0,14,"no_such_atom_1">>, [safe]) end),
    show("safe new utf8 atom", fun() -> binary_to_term(<<131,119,14,"no_such_atom_2">>, [safe]) end),
    show("safe new atom in tuple", fun() -> binary_to_term(<<131,104,2,97,1,100,0,14,"no_such_atom_3">>, [safe]) end),
    show("safe known atom", fun() -> binary_to_term(<<131,104,2,100,0,2,"ok",119,5,"error">>, [safe]) end),
    show("safe export", fun() -> binary_to_term(<<131,113,100,0,5,"lists",100,0,3,"map",97,2>>, [safe]) end),
    show("safe export new atom", fun() -> binary_to_term(<<131,113,100,0,5,"lists",100,0,14,"no_such_func_4">>, [safe]) end),
    show("unsafe new atom", fun() -> binary_to_term(<<131,100,0,14,"new_atom_is_ok">>) end),
    %% Compression.
    Seq = lists:seq(1, 200),
    Text = lists:flatten(lists:duplicate(20, "hello compressed world ")),
    Term = {Text, Seq, #{a => Text, b => [1.5, atom, <<"bin">>]}},
    show("small stays raw", fun() -> term_to_binary(hello, [compressed]) end),
    show("compressed", fun() -> term_to_binary(lists:duplicate(100, $a), [compressed]) end),
    show("level 9", fun() -> term_to_binary(lists:duplicate(100, $a), [{compressed, 9}]) end),
    show("level 1", fun() -> term_to_binary(lists:duplicate(100, $a), [{compressed, 1}]) end),
    show("level 0", fun() -> byte_size(term_to_binary(lists:duplicate(100, $a), [{compressed, 0}])) end),
    show("level 10", fun() -> term_to_binary(a, [{compressed, 10}]) end),
    show("bigger term", fun() -> term_to_binary(Term, [compressed]) end),
    [show("level " ++ integer_to_list(L), fun() -> Z = term_to_binary(Term, [{compressed, L}]), {byte_size(Z), erlang:phash2(Z)} end)
     || L <- lists:seq(1, 9)],
    show("seq", fun() -> term_to_binary(Seq, [compressed]) end),
    show("round trip", fun() -> binary_to_term(term_to_binary(Term, [compressed])) =:= Term end),
    C = term_to_binary(Term, [compressed]),
    show("compressed used", fun() -> {byte_size(C), element(2, binary_to_term(<<C/binary, 7, 7>>, [used]))} end),
    show("compressed safe", fun() -> binary_to_term(C, [safe]) =:= Term end),
    show("corrupt compressed", fun() -> binary_to_term(<<131,80,0,0,0,9,120,156,1,2,3>>) end),
    show("wrong size", fun() ->
        <<131, 80, Size:32, Z/binary>> = C,
        binary_to_term(<<131, 80, (Size + 1):32, Z/binary>>)
    end),
    %% Other options.
    show("bogus", fun() -> term_to_binary(a, [bogus]) end),
    show("local", fun() -> term_to_binary(a, [local]) end),
    show("improper", fun() -> term_to_binary(a, [compressed | x]) end),
    show("not a list", fun() -> term_to_binary(a, compressed) end),
    show("deterministic", fun() -> term_to_binary(#{b => 1, a => 2}, [deterministic]) end),
    show("minor 0", fun() -> term_to_binary([1.5, -0.1, 1.0e300, a], [{minor_version, 0}]) end),
    show("minor 0 decodes", fun() -> binary_to_term(term_to_binary([1.5, -0.1, 1.0e300], [{minor_version, 0}])) end),
    show("minor 1", fun() -> term_to_binary({a, 1.5, 'é'}, [{minor_version, 1}]) end),
    show("minor 2", fun() -> term_to_binary({a, 1.5, 'é'}, [{minor_version, 2}]) end),
    show("minor 3", fun() -> term_to_binary(a, [{minor_version, 3}]) end),
    ok.
