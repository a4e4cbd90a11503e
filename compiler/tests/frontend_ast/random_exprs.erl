%% Random operator/expression soup (generated, then filtered to the functions OTP accepts) for the
%% front-end AST conformance test: catch as an operand, precedence and associativity of every operator.
-module(random_exprs).
-compile(export_all).
-record(r, {a, b}).
f0_0(X, Y, Z, F) ->
    X.
f0_1(X, Y, Z, F) ->
    - X /= - #{} or <<>>.
f0_2(X, Y, Z, F) ->
    #r{} rem begin - catch #r{}, catch $c bor #{} end.
f0_3(X, Y, Z, F) ->
    X#r{a = m:g(catch {}) xor fun f/1}.
f0_4(X, Y, Z, F) ->
    catch (catch bnot {}) =:= F(#r.a) or 1.5 rem true.
f0_5(X, Y, Z, F) ->
    {}.
f0_6(X, Y, Z, F) ->
    fun f/1.
f0_7(X, Y, Z, F) ->
    [].
f0_8(X, Y, Z, F) ->
    + {} ! #{} bsr #r{} -- [] or [#{} | a].
f0_9(X, Y, Z, F) ->
    $c.
f0_14(X, Y, Z, F) ->
    try not catch X * 96 catch _:_ -> <<>> == 1.5 * case error of "p" ++ R -> $c end = #{} end.
f0_15(X, Y, Z, F) ->
    fun(X) -> "s" bsl + $c - fun f/1 end.
f0_16(X, Y, Z, F) ->
    catch #r{a = [] == 1.5} band 6 + 55 - if $c -> 23; true -> $c end and true bsl b bsr bnot <<>>.
f0_18(X, Y, Z, F) ->
    if receive "p" ++ R -> "s" bor _W after 0 -> not #{} end div X#r.a -> receive "p" ++ R -> {} bsl {} after 0 -> - Y end orelse if "s" band #r.a -> catch #r{}; true -> catch {} end; true -> - #r{a = #r.a} div bnot {"s", 1.5} end.
f0_19(X, Y, Z, F) ->
    fun m:f/2.
f0_20(X, Y, Z, F) ->
    [$c xor catch <<<<>>:8, (#r.a)/binary>> || X <- + {} xor "s", #{f() => catch 1.5 ++ <<>>}].
f0_21(X, Y, Z, F) ->
    "s".
f0_22(X, Y, Z, F) ->
    + bnot $c bsr 1.5 div $c bor bnot not [].
f0_23(X, Y, Z, F) ->
    bnot if _W -> <<>>; true -> <<>> end ++ fun(X) -> catch #r{} end bxor catch - fun m:f/2.
f0_24(X, Y, Z, F) ->
    <<>>.
f0_26(X, Y, Z, F) ->
    - catch $c ++ $c ++ {} < 76.
f0_28(X, Y, Z, F) ->
    - catch not #r.a orelse try #r.a catch _:_ -> [] end.
f0_29(X, Y, Z, F) ->
    #{"s" => #r.a =:= #r.a ++ "s" / bnot {} div #r.a}.
f0_30(X, Y, Z, F) ->
    (X#{a => "s" or Y} >= X#r{a = m:g(Z)}).
f0_31(X, Y, Z, F) ->
    try <<>> catch _:_ -> X#r.a bxor catch $c band + Y end.
f0_32(X, Y, Z, F) ->
    + catch F(- "s").
f0_34(X, Y, Z, F) ->
    - + - not error.
f0_35(X, Y, Z, F) ->
    #{}.
f0_37(X, Y, Z, F) ->
    {}.
f0_39(X, Y, Z, F) ->
    (receive [H | T] -> b band #r{} bxor Y ++ 1.5 after 0 -> - 1.5 bxor not 1.5 end).
f1_1(X, Y, Z, F) ->
    20.
f1_2(X, Y, Z, F) ->
    (- ok - #r{} =< bnot b).
f1_3(X, Y, Z, F) ->
    b.
f1_4(X, Y, Z, F) ->
    #r{a = 78 == [[], #r{}, Y | #r.a]} =:= <<>> bxor begin case "s" of <<A:8>> -> #{} end, F(<<>>) end.
f1_6(X, Y, Z, F) ->
    X#{a => fun f/1}.
f1_7(X, Y, Z, F) ->
    #{#r{} => F(1.5)} bsr - not X#r{a = #{}}.
f1_8(X, Y, Z, F) ->
    m:g(fun f/1) =< f(<<>> band 1.5, bnot 1.5) ! catch catch fun(X) -> #r{} end.
f1_9(X, Y, Z, F) ->
    - bnot #r{} + not <<>> rem + (catch 1.5) == #r{a = {}}.
f1_10(X, Y, Z, F) ->
    not catch fun(X) -> catch #r.a end.
f1_11(X, Y, Z, F) ->
    "s" bsr Z rem 49 div $c band [["s"] || X <- $c < "s", #r{} =/= 86] >= [#{{} => []} == b or $c || X <- catch begin #{}, {} end, catch #r.a andalso <<>>].
f1_12(X, Y, Z, F) ->
    X#{a => [#r{}] and #r.a or {}} band f(fun(X) -> #r{} ! <<>> end, $c =:= #r{} rem not $c).
f1_13(X, Y, Z, F) ->
    (catch not #{} bsr #{} + #r{} bsl {}).
f1_14(X, Y, Z, F) ->
    #r.a.
f1_16(X, Y, Z, F) ->
    + F(<<>>).
f1_17(X, Y, Z, F) ->
    catch [catch {} || X <- not #r{}, - #r.a] bsl f().
f1_18(X, Y, Z, F) ->
    bnot catch {(catch 78)}.
f1_21(X, Y, Z, F) ->
    #r{a = + <<>> * Z bor not <<>>}.
f1_22(X, Y, Z, F) ->
    #{} =< + receive <<A:8>> -> 10 bsr $c after 0 -> catch "s" end.
f1_25(X, Y, Z, F) ->
    f([] ! 1.5 bsr 1.5 div ok, (+ "s")) div X#r.a.
f1_26(X, Y, Z, F) ->
    {}.
f1_27(X, Y, Z, F) ->
    [_W bxor $c bor [] rem #r{}, X#r{a = catch $c}, <<73:8, (#{})/binary>> | receive "p" ++ R -> b after 0 -> <<$c:8, ([])/binary>> end] ++ not X#{a => fun m:f/2}.
f1_28(X, Y, Z, F) ->
    try fun(X) -> ok end bsl error == "s" catch _:_ -> <<>> ! #r.a band #r{} end =< + case {} of Z = {b} -> Z; _ -> #{} end bor [] rem [].
f1_29(X, Y, Z, F) ->
    [1.5, <<>> div #r{}] and <<>> > error.
f1_31(X, Y, Z, F) ->
    b.
f1_32(X, Y, Z, F) ->
    ok.
f1_33(X, Y, Z, F) ->
    catch - catch #r{} and Z.
f1_34(X, Y, Z, F) ->
    + [] ++ catch #{} div not {} =:= 1.5 bsl bnot receive #{k := V} -> <<>> after 0 -> #{} end or #{} ! [].
f1_37(X, Y, Z, F) ->
    catch 18.
f1_38(X, Y, Z, F) ->
    catch catch #{}.
f1_39(X, Y, Z, F) ->
    - catch $c rem fun m:f/2 * #{error => 5 =< {}}.
f2_0(X, Y, Z, F) ->
    receive _ -> fun m:f/2 after 0 -> receive X -> ok bsl not [] after 0 -> m:g(not "s") end end.
f2_1(X, Y, Z, F) ->
    not "s".
f2_2(X, Y, Z, F) ->
    "s" rem + + "s" bor {} =< #{}.
f2_3(X, Y, Z, F) ->
    catch #r{a = catch catch #r{}}.
f2_4(X, Y, Z, F) ->
    "s" bsr f(#r.a bsl 36 ! {} ++ b, not [] and Y).
f2_5(X, Y, Z, F) ->
    fun(X) -> $c div - catch {} end.
f2_6(X, Y, Z, F) ->
    #r{a = catch #{} < Y} - f(<<>> * 1.5) =:= catch #r.a band "s".
f2_7(X, Y, Z, F) ->
    fun f/1.
f2_8(X, Y, Z, F) ->
    F(1.5).
f2_9(X, Y, Z, F) ->
    + receive #r{a = 1} -> #r{} after 0 -> not #{} end bor fun f/1.
f2_10(X, Y, Z, F) ->
    + #{1.5 orelse $c => 14} bsr not [#r.a].
f2_11(X, Y, Z, F) ->
    catch <<1.5:8, (F("s"))/binary>> * 1.5.
f2_12(X, Y, Z, F) ->
    #r{a = X#r.a}.
f2_13(X, Y, Z, F) ->
    1.5 div catch not "s".
f2_14(X, Y, Z, F) ->
    bnot "s" rem [] * "s" =/= #{} = catch #r{} - catch {}.
f2_15(X, Y, Z, F) ->
    case "s" orelse try + #r.a catch _:_ -> #{} xor #r{} end of "p" ++ R -> catch #r.a andalso #{} and catch {} or 29 end.
f2_16(X, Y, Z, F) ->
    fun(X) -> {} bor catch <<>> end =< catch <<>> == #r{} or catch _W.
f2_17(X, Y, Z, F) ->
    [{#{} = #r.a, "s" and {} - <<>> bsr #r{}, try try X catch _:_ -> 23 end catch _:_ -> catch #{} end}, catch ok bsr {} = f()].
f2_18(X, Y, Z, F) ->
    #{} == <<>> band 27 ! bnot X#{a => #{}} orelse 80.
f2_20(X, Y, Z, F) ->
    $c.
f2_21(X, Y, Z, F) ->
    "s".
f2_23(X, Y, Z, F) ->
    not + #{} bxor #r{} bsl $c and $c.
f2_24(X, Y, Z, F) ->
    F(#{79 => <<>>} band catch 1.5 =/= #r.a).
f2_25(X, Y, Z, F) ->
    receive [H | T] -> try {[]} catch _:_ -> #{} or #r{} end = "s" after 0 -> not #{} -- $c ++ f(31) end.
f2_26(X, Y, Z, F) ->
    try {} catch _:_ -> X#r.a end.
f2_28(X, Y, Z, F) ->
    catch catch "s" =/= 90 + a.
f2_29(X, Y, Z, F) ->
    not [not catch [], (bnot error), [#r{} / a || X <- not #{}, receive -1 -> #r{} after 0 -> Z end]].
f2_30(X, Y, Z, F) ->
    catch fun f/1 > [1.5 || X <- "s", <<>>] and catch catch 86.
f2_31(X, Y, Z, F) ->
    case 1.5 ! 52 =:= #r{} * #r{} of {a, Y} -> X#{a => + 1.5} -- - catch #{}; {a, Y} -> X#r{a = #r{}} end.
f2_32(X, Y, Z, F) ->
    - X#r.a.
f2_33(X, Y, Z, F) ->
    - - #r{} < #{} div #{} and {}.
f2_34(X, Y, Z, F) ->
    bnot - try 60 * 62 catch _:_ -> catch "s" end.
f2_35(X, Y, Z, F) ->
    - #{X =< X => #r{} band <<>>} =:= #r{} div <<>> + if [] -> []; true -> true end.
f2_36(X, Y, Z, F) ->
    $c.
f2_37(X, Y, Z, F) ->
    #r{}.
f2_38(X, Y, Z, F) ->
    + not fun f/1.
