%% Random control sequences (width, precision, pad, modifiers, `*`
%% arguments) with random arguments, good and bad, compared between
%% kr_io_lib and OTP's io_lib (value or error class/reason).
-module(fuzz_tests).
-export([main/0, main/1]).

main() -> main(20000).

main(N) ->
    rand:seed(exsss, {71, 72, 73}),
    Cases = [gen_case() || _ <- lists:seq(1, N)],
    Fails = [C || C <- Cases, not same(C)],
    [io:format("MISMATCH ~p~n  otp: ~p~n  kr:  ~p~n", [C, res(io_lib, C), res(kr_io_lib, C)])
     || C <- lists:sublist(Fails, 8)],
    io:format("fuzz_tests: ~p cases, ~p failures~n", [N, length(Fails)]).

same(C) -> res(io_lib, C) =:= res(kr_io_lib, C) andalso raw(io_lib, C) =:= raw(kr_io_lib, C).

raw(M, {F, A}) -> try M:format(F, A) catch _:_ -> error end.

res(M, {F, A}) ->
    try lists:flatten(M:format(F, A)) of S -> {ok, S}
    catch C:R -> {C, element(1, {R, x})}
    end.

pick(L) -> lists:nth(rand:uniform(length(L)), L).

gen_case() ->
    Parts = [gen_part() || _ <- lists:seq(1, rand:uniform(3))],
    {lists:append([F || {F, _} <- Parts]), lists:append([A || {_, A} <- Parts])}.

gen_part() ->
    Lit = pick(["", "x", " ", "\t", "ab\n", "é"]),
    {W, WA} = pick([{"", []}, {"", []}, {"5", []}, {"12", []}, {"-7", []}, {"*", [pick([3, -4, 0, 20])]}, {"0", []}, {"1", []}]),
    {P, PA} = pick([{"", []}, {"", []}, {".0", []}, {".1", []}, {".3", []}, {".16", []}, {".*", [pick([2, 5, 0])]}, {".", []}]),
    {Pad, PadA} = case P of
                      "" -> {"", []};
                      _ -> pick([{"", []}, {".0", []}, {".x", []}, {".*", [pick([$-, $0])]}])
                  end,
    Mod = pick(["", "", "t", "l"]),
    C = pick("pwsefgbBxX#+cPW~ni"),
    Args = case C of
               $~ -> [];
               $n -> [];
               $x -> [arg(), pick(["0x", '#', "", [$a, "b"]])];
               $X -> [arg(), pick(["0x", '#'])];
               $P -> [arg(), pick([1, 2, 5, 0, -1])];
               $W -> [arg(), pick([1, 2, 5, 0])];
               _ -> [arg()]
           end,
    {Lit ++ "~" ++ W ++ P ++ Pad ++ Mod ++ [C], WA ++ PA ++ PadA ++ Args}.

arg() ->
    pick([0, 7, -42, 255, 123456789012345678901234567890, 3.14159, -0.5, 1.0e-10, 2.5e20, 0.0,
          abc, 'Quoted atom', "hello", "", "a\nb", [104, 256], <<"bin">>, <<1, 2, 3>>,
          [a, "nested", {t, 1}], {x, [1, 2, 3], #{k => v}}, $a, 1071, 233, [$a, <<"b">>, "c"],
          lists:seq(1, 30), <<"é"/utf8>>, fun erlang:abs/1]).
