-module(bk_more).
-export([main/0]).

%% More scoping, matching and guard cases.

shadow() ->
    X = 1,
    L = [X || X <- [2, 3]],
    F = fun(X) -> X * 10 end,
    {X, L, F(5)}.

chains() ->
    A = B = 3,
    {C, D} = {A + 1, B + 2},
    [H | T] = [C, D, 9],
    E = (Z = 7) + 1,
    {A, B, C, D, H, T, E, Z}.

recv_bound() ->
    Ref = make_ref(),
    Limit = 5,
    self() ! {other, 1},
    self() ! {Ref, 3},
    self() ! {Ref, 8},
    R = receive {Ref, V} when V > Limit -> V end,
    R2 = receive {Ref, W} -> W end,
    R3 = receive {other, O} -> O after 0 -> none end,
    {R, R2, R3}.

guards(M, T, B) when is_map_key(a, M), map_get(a, M) > 1, map_size(M) =:= 2,
                     tuple_size(T) == 3, byte_size(B) >= 2, bit_size(B) rem 8 =:= 0 ->
    all;
guards(_, _, _) ->
    some.

iffy(X) ->
    if
        hd(X) > 2 -> big_head;
        length(X) =:= 0 -> empty;
        true -> other
    end.

ops() ->
    {erlang:'+'(1, 2), erlang:'-'(5), erlang:'*'(3, 4), erlang:'=:='(a, a), erlang:'not'(false),
     erlang:element(2, {a, b}), erlang:'++'([1], [2]), 7 band 3, 1 bsl 70, -7 rem 3, 7 / 2,
     2.0 * 3, abs(-3), min(2, 1), max(a, 1)}.

zero() when true -> zero.

side_effects() ->
    put(k, 0),
    Inc = fun() -> put(k, get(k) + 1), true end,
    R1 = false andalso Inc(),
    R2 = true orelse Inc(),
    R3 = Inc() andalso Inc(),
    {R1, R2, R3, get(k)}.

nested_funs(L) ->
    Mul = 3,
    G = fun(Xs) -> [fun(Y) -> Y * Mul + X end || X <- Xs] end,
    [F(1) || F <- G(L)].

try_scopes(X) ->
    try
        Y = X * 2,
        Y + 1
    of
        V when V > 5 -> {big, V};
        V -> {small, V}
    catch
        error:badarith -> bad
    end.

main() ->
    [shadow(), chains(), recv_bound(),
     {guards(#{a => 2, b => 1}, {1, 2, 3}, <<1, 2>>), guards(#{a => 1}, {}, <<>>)},
     [iffy(L) || L <- [[3], [], [1], x]],
     ops(), zero(), side_effects(), nested_funs([10, 20]),
     [try_scopes(X) || X <- [1, 5, a]], sizes()].

%% Binary segment sizes computed from earlier segments.
sized(<<N:8, X:(N * 2)/binary, R/binary>>) -> {X, R};
sized(<<N:8, Rest/binary>>) when N > 100 -> {big, Rest};
sized(_) -> none.

sizes() ->
    [sized(<<1, 7, 8, 9>>), sized(<<2, 1, 2, 3, 4>>), sized(<<3, 1>>), sized(<<200, 1>>)].
