%% A tour of Erlang syntax for the front-end AST conformance test (frontend_ast.rs): every function
%% body below is compared with the tree OTP's epp/erl_parse builds. Not meant to run.
-module(syntax_tour).
-export([ops/2, heads/1, guards/1, control/1, funs/1, comps/2, maps/1, records/1, macros/1,
         literals/0, binaries/2, sends/2]).
-record(point, {x = 0 :: integer(), y = 0, label = "p" :: string()}).
-record(box, {tl = #point{}, br = #point{x = 1, y = 1}}).
-define(ZERO, 0).
-define(ADD(A, B), (A + B)).
-define(TWICE(X), ?ADD(X, X)).
-define(STR(E), ??E).
-ifdef(ZERO).
-define(MODE, zero_defined).
-else.
-define(MODE, zero_undefined).
-endif.
-ifndef(NOT_DEFINED).
-define(OTHER, other).
-endif.

ops(A, B) ->
    X1 = A + B * 2 - 3 / 4 div 5 rem 6,
    X2 = A band B bor 3 bxor 4 bsl 1 bsr 2,
    X3 = not A and B or A xor B,
    X4 = A andalso B orelse not A andalso B,
    X5 = A ++ B ++ [1] -- [2] -- [3],
    X6 = A == B, X7 = A /= B, X8 = A =< B, X9 = A < B, X10 = A >= B, X11 = A > B,
    X12 = A =:= B, X13 = A =/= B,
    X14 = - A + + B - (bnot A),
    X15 = A + B == B + A,
    X16 = (A + B) * 2,
    X17 = catch A + 1,
    X18 = A = B = {X1, X2},
    [X1, X2, X3, X4, X5, X6, X7, X8, X9, X10, X11, X12, X13, X14, X15, X16, X17, X18].

sends(P, M) ->
    P ! M,
    P ! Q = M ! {self(), M},
    Q.

heads("prefix" ++ Rest) -> Rest;
heads([H | T] = L) -> {H, T, L};
heads({a, _, _Ignored, "s"}) -> tuple;
heads(-1) -> minus_one;
heads(16#1F) -> hex;
heads($a) -> char;
heads(<<Len:8, Body:Len/binary, _/bits>>) -> Body;
heads(#{key := V, other := W}) -> {V, W};
heads(#point{x = 0} = P) -> P#point.y;
heads(#point.label) -> index;
heads([]) -> nil;
heads(2.5) -> float;
heads('quoted atom') -> quoted.

guards(X) when is_integer(X), X > 0; is_float(X) -> pos;
guards(X) when X =:= a orelse X =:= b -> ab;
guards(X) when element(1, X) == tag, tuple_size(X) > 1 -> tagged;
guards(_) -> other.

control(X) ->
    R1 = case X of
             {ok, V} when V > 0 -> V;
             {ok, _} -> zero;
             error -> err
         end,
    R2 = if X > 1, X < 10 -> small; X >= 10 -> big; true -> other end,
    R3 = receive {msg, M} -> M; stop -> stopped after 100 -> timeout end,
    R4 = receive after 0 -> immediate end,
    R5 = receive Any -> Any end,
    R6 = try risky(X) of
             {ok, Y} -> Y;
             Z -> Z
         catch
             throw:T -> {thrown, T};
             error:badarg:Stack -> {badarg, Stack};
             exit:Reason when Reason =/= normal -> {exit, Reason};
             Class:Other:St -> {Class, Other, St};
             Plain -> Plain
         after
             cleanup()
         end,
    R7 = try risky(X) after cleanup() end,
    R8 = try risky(X) catch _ -> caught end,
    R9 = begin a, b, c end,
    R10 = (catch risky(X)),
    {R1, R2, R3, R4, R5, R6, R7, R8, R9, R10}.

risky(X) -> X.
cleanup() -> ok.

funs(L) ->
    F1 = fun(X) -> X + 1 end,
    F2 = fun(0) -> zero; (N) when N > 0 -> pos; (_) -> neg end,
    F3 = fun Fact(0) -> 1; Fact(N) -> N * Fact(N - 1) end,
    F4 = fun risky/1,
    F5 = fun lists:map/2,
    M = lists, F = map, A = 2,
    F6 = fun M:F/A,
    F7 = fun() -> ok end,
    R = (fun(X) -> X end)(1),
    R2 = F1(F2(3)),
    R3 = lists:map(fun(X) -> {X} end, L),
    R4 = M:F(F1, L),
    {F1, F2, F3, F4, F5, F6, F7, R, R2, R3, R4}.

comps(L, B) ->
    C1 = [X * 2 || X <- L],
    C2 = [{X, Y} || X <- L, Y <- L, X < Y],
    C3 = [X || {X, _} <- L, is_atom(X), X =/= undefined],
    C4 = << <<(X + 1):8>> || <<X:8>> <= B >>,
    C5 = [X || <<X:16/little>> <= B, X > 0],
    C6 = << <<X>> || X <- L >>,
    C7 = [[Y || Y <- X] || X <- L],
    {C1, C2, C3, C4, C5, C6, C7}.

maps(M) ->
    M1 = #{},
    M2 = #{a => 1, "b" => [2], {c} => #{d => e}},
    M3 = M#{a := 2, new => 3},
    M4 = M#{a => 1}#{b => 2},
    #{a := A, b := B} = M4,
    M5 = (maps:put(x, 1, M))#{y => 2},
    {M1, M2, M3, M4, M5, A, B}.

records(P) ->
    R1 = #point{},
    R2 = #point{x = 1, y = 2},
    R3 = #point{x = 5, _ = 0},
    R4 = P#point{label = "q"},
    R5 = P#point.x + P#point.y,
    B = #box{tl = R2},
    R6 = B#box.tl#point.x,
    R7 = #point.y,
    R8 = (B#box.br)#point{x = 9},
    {R1, R2, R3, R4, R5, R6, R7, R8, record_info(fields, point), record_info(size, box)}.

macros(X) ->
    {?ZERO, ?ADD(X, 1), ?TWICE(X + 1), ?STR(X + 1), ?MODE, ?OTHER, ?MODULE, ?MODULE_STRING,
     ?LINE, ?FUNCTION_NAME, ?FUNCTION_ARITY}.

literals() ->
    {1_000, 2#1010, 16#ff, 36#Zz, 1.5, 2.5e-3, 1.0e10, $a, $\n, $\\, $\s, $\x{263A}, $\101, $\^A,
     "tab\there", "multi" "part" " string", "esc \"q\" \x41\101", 'Atom', 'with space', '\'',
     [], {}, [1, 2 | 3], "", <<>>, 123456789012345678901234567890, -7, +7}.

binaries(X, Y) ->
    {<<1, 2, 3>>, <<X:16, Y:8/signed-little, 3:4/unit:2>>, <<"str", X/binary, Y/bits>>,
     <<X/utf8, Y/utf16-big, 0/utf32>>, <<1.5/float, X:64/float-native>>, <<(X + 1):8, -1:8/signed>>,
     <<$a, "b"/utf8, 'c':0>>}.
