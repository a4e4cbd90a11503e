-module(bk_edge).
-export([main/0]).

%% Edge cases of guards, decision trees and scoping.

-record(inner, {x = 1, y = 2}).
-record(outer, {name = none, inner = #inner{}, list = [a, b]}).

g_orelse(X) when element(1, X) == a orelse is_atom(X) -> yes;
g_orelse(_) -> no.
g_semi(X) when element(1, X) == a; is_atom(X) -> yes;
g_semi(_) -> no.
g_not(X) when not (element(1, X) == a) -> yes;
g_not(_) -> no.
g_or(X) when (X > 1) or (element(1, X) == a) -> yes;
g_or(_) -> no.
g_len(L) when length(L) > 2 -> long;
g_len(_) -> short.

shapes({}) -> empty_tuple;
shapes({A}) -> {one, A};
shapes({A, B, C}) when A < B, B < C -> ascending;
shapes({_, _, _}) -> three;
shapes(#{type := circle, r := R}) -> {circle, R};
shapes(#{type := T}) -> {typed, T};
shapes(<<"GIF", _/binary>>) -> gif;
shapes(<<N:16, Rest/binary>>) when byte_size(Rest) =:= N -> {sized, Rest};
shapes(1.5) -> one_and_a_half;
shapes(100000000000000000000) -> big;
shapes(-3) -> minus_three;
shapes("str") -> string;
shapes([_, _ | _]) -> two_or_more;
shapes(_) -> other.

key_match(K, M) ->
    case M of
        #{K := V} -> {found, V};
        _ -> missing
    end.

deep(X, Y) ->
    case X of
        a ->
            case Y of
                1 -> Z = one;
                _ -> Z = many
            end;
        _ ->
            Z = other
    end,
    {X, Z}.

recv_export() ->
    self() ! {value, 7},
    receive
        {value, V} -> W = V * 2;
        other -> W = 0
    end,
    W.

catch_loop(0, Acc) -> Acc;
catch_loop(N, Acc) ->
    R = (catch if N rem 2 =:= 0 -> throw(even); true -> odd end),
    catch_loop(N - 1, [R | Acc]).

bins(N) ->
    B = <<N:12, 5:4>>,
    S = <<"ab", B/binary, 1:1>>,
    {B, S, bit_size(S), <<"é"/utf8>>, << <<C>> || <<C>> <= <<"xyz">> >>}.

funs() ->
    Base = 100,
    Count = fun Loop(0, Acc) -> Acc + Base; Loop(N, Acc) -> Loop(N - 1, Acc + 1) end,
    Pick = fun({a, X}) -> X; ([H | _]) -> H end,
    {'EXIT', {Reason, _}} = (catch Pick(none)),
    {Count(5, 0), Pick({a, 1}), Pick([z]), Reason}.

records() ->
    O = #outer{name = n},
    O2 = O#outer{inner = (O#outer.inner)#inner{y = 20}, list = []},
    {O2, (O2#outer.inner)#inner.y, O#outer.list, #outer{}#outer.name}.

strings(X) ->
    {"abc" ++ X, [$a | X], X ++ "!", length("hello" ++ X)}.

main() ->
    {[{g_orelse(foo), g_orelse({a}), g_semi(foo), g_semi({a}), g_not(foo), g_not({b}),
       g_or(5), g_or({a}), g_len([1, 2, 3]), g_len(x)}],
     [shapes(T) || T <- [{}, {1}, {1, 2, 3}, {3, 2, 1}, #{type => circle, r => 2},
                         #{type => sq}, <<"GIF89">>, <<0, 2, 7, 8>>, <<0, 5, 1>>, 1.5,
                         100000000000000000000, -3, "str", [1, 2, 3], [1], 1.0]],
     {key_match(k, #{k => v}), key_match(q, #{k => v})},
     [deep(a, 1), deep(a, 2), deep(b, 1)],
     recv_export(),
     catch_loop(4, []),
     bins(3),
     funs(),
     records(),
     strings("xy")}.
