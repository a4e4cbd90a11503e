%% gb_trees: general balanced trees (Andersson), with OTP 25's
%% representation {Size, Node}, Node = nil | {Key, Value, Smaller, Bigger},
%% and the same rebalancing rule, so trees print as in OTP. Keys are
%% compared with < and > (1 and 1.0 are the same key).
-module(gb_trees).

-export([empty/0, is_empty/1, size/1, lookup/2, get/2, insert/3, update/3,
         enter/3, delete/2, delete_any/2, balance/1, is_defined/2, keys/1,
         values/1, to_list/1, from_orddict/1, smallest/1, largest/1, take/2,
         take_any/2, take_smallest/1, take_largest/1, iterator/1,
         iterator_from/2, next/1, map/2]).

empty() -> {0, nil}.

is_empty({0, nil}) -> true;
is_empty(_) -> false.

size({Size, _}) when is_integer(Size), Size >= 0 -> Size.

lookup(Key, {_, T}) -> lookup_1(Key, T).

lookup_1(Key, {K, _, Smaller, _}) when Key < K -> lookup_1(Key, Smaller);
lookup_1(Key, {K, _, _, Bigger}) when Key > K -> lookup_1(Key, Bigger);
lookup_1(_, {_, Value, _, _}) -> {value, Value};
lookup_1(_, nil) -> none.

is_defined(Key, {_, T}) -> lookup_1(Key, T) =/= none.

get(Key, {_, T}) -> get_1(Key, T).

get_1(Key, {K, _, Smaller, _}) when Key < K -> get_1(Key, Smaller);
get_1(Key, {K, _, _, Bigger}) when Key > K -> get_1(Key, Bigger);
get_1(_, {_, Value, _, _}) -> Value.

update(Key, Val, {S, T}) -> {S, update_1(Key, Val, T)}.

update_1(Key, Val, {K, V, Smaller, Bigger}) when Key < K ->
    {K, V, update_1(Key, Val, Smaller), Bigger};
update_1(Key, Val, {K, V, Smaller, Bigger}) when Key > K ->
    {K, V, Smaller, update_1(Key, Val, Bigger)};
update_1(Key, Val, {_, _, Smaller, Bigger}) ->
    {Key, Val, Smaller, Bigger}.

%% insert: the new node is placed as in a plain binary tree; while coming
%% back up, a subtree whose height grew past the allowed bound (the
%% "S * S" budget halved at each level) is rebuilt perfectly balanced.
insert(Key, Val, {S, T}) when is_integer(S) ->
    S1 = S + 1,
    {S1, insert_1(Key, Val, T, S1 * S1)}.

insert_1(Key, Val, {K, V, Smaller, Bigger}, S) when Key < K ->
    case insert_1(Key, Val, Smaller, S bsr 1) of
        {T1, H1, S1} -> grown({K, V, T1, Bigger}, H1, S1, Bigger);
        T1 -> {K, V, T1, Bigger}
    end;
insert_1(Key, Val, {K, V, Smaller, Bigger}, S) when Key > K ->
    case insert_1(Key, Val, Bigger, S bsr 1) of
        {T1, H1, S1} -> grown({K, V, Smaller, T1}, H1, S1, Smaller);
        T1 -> {K, V, Smaller, T1}
    end;
insert_1(Key, Val, nil, 0) -> {{Key, Val, nil, nil}, 1, 1};
insert_1(Key, Val, nil, _S) -> {Key, Val, nil, nil};
insert_1(Key, _, _, _) -> erlang:error({key_exists, Key}).

grown(T, H1, S1, Other) ->
    {H2, S2} = count(Other),
    H = erlang:max(H1, H2) bsl 1,
    SS = S1 + S2 + 1,
    if
        H > SS * SS -> balance(T, SS);
        true -> {T, H, SS}
    end.

count({_, _, nil, nil}) -> {1, 1};
count({_, _, Sm, Bi}) ->
    {H1, S1} = count(Sm),
    {H2, S2} = count(Bi),
    {erlang:max(H1, H2) bsl 1, S1 + S2 + 1};
count(nil) -> {1, 0}.

enter(Key, Val, T) ->
    case is_defined(Key, T) of
        true -> update(Key, Val, T);
        false -> insert(Key, Val, T)
    end.

balance({S, T}) -> {S, balance(T, S)}.

balance(T, S) -> from_list(to_list(T, []), S).

from_list(L, S) ->
    {T, []} = build(L, S),
    T.

%% build(List, N) -> {Tree of the first N pairs, rest of List}
build(L, S) when S > 1 ->
    Sm = S - 1,
    S2 = Sm div 2,
    S1 = Sm - S2,
    {T1, [{K, V} | L1]} = build(L, S1),
    {T2, L2} = build(L1, S2),
    {{K, V, T1, T2}, L2};
build([{K, V} | L], 1) -> {{K, V, nil, nil}, L};
build(L, 0) -> {nil, L}.

from_orddict(L) ->
    S = length(L),
    {S, from_list(L, S)}.

delete_any(Key, T) ->
    case is_defined(Key, T) of
        true -> delete(Key, T);
        false -> T
    end.

delete(Key, {S, T}) when is_integer(S), S >= 0 -> {S - 1, delete_1(Key, T)}.

delete_1(Key, {K, V, Smaller, Bigger}) when Key < K ->
    {K, V, delete_1(Key, Smaller), Bigger};
delete_1(Key, {K, V, Smaller, Bigger}) when Key > K ->
    {K, V, Smaller, delete_1(Key, Bigger)};
delete_1(_, {_, _, Smaller, Bigger}) ->
    join(Smaller, Bigger).

join(Smaller, nil) -> Smaller;
join(nil, Bigger) -> Bigger;
join(Smaller, Bigger) ->
    {K, V, Bigger1} = take_smallest1(Bigger),
    {K, V, Smaller, Bigger1}.

take_any(Key, Tree) ->
    case is_defined(Key, Tree) of
        true -> take(Key, Tree);
        false -> error
    end.

take(Key, {S, T}) when is_integer(S), S >= 0 ->
    {Value, Rest} = take_1(Key, T),
    {Value, {S - 1, Rest}}.

take_1(Key, {K, V, Smaller, Bigger}) when Key < K ->
    {Value, Smaller1} = take_1(Key, Smaller),
    {Value, {K, V, Smaller1, Bigger}};
take_1(Key, {K, V, Smaller, Bigger}) when Key > K ->
    {Value, Bigger1} = take_1(Key, Bigger),
    {Value, {K, V, Smaller, Bigger1}};
take_1(_, {_, Value, Smaller, Bigger}) ->
    {Value, join(Smaller, Bigger)}.

take_smallest({Size, Tree}) when is_integer(Size), Size >= 0 ->
    {K, V, Bigger} = take_smallest1(Tree),
    {K, V, {Size - 1, Bigger}}.

take_smallest1({K, V, nil, Bigger}) -> {K, V, Bigger};
take_smallest1({K, V, Smaller, Bigger}) ->
    {K1, V1, Smaller1} = take_smallest1(Smaller),
    {K1, V1, {K, V, Smaller1, Bigger}}.

take_largest({Size, Tree}) when is_integer(Size), Size >= 0 ->
    {K, V, Smaller} = take_largest1(Tree),
    {K, V, {Size - 1, Smaller}}.

take_largest1({K, V, Smaller, nil}) -> {K, V, Smaller};
take_largest1({K, V, Smaller, Bigger}) ->
    {K1, V1, Bigger1} = take_largest1(Bigger),
    {K1, V1, {K, V, Smaller, Bigger1}}.

smallest({_, Tree}) -> smallest_1(Tree).

smallest_1({K, V, nil, _}) -> {K, V};
smallest_1({_, _, Smaller, _}) -> smallest_1(Smaller).

largest({_, Tree}) -> largest_1(Tree).

largest_1({K, V, _, nil}) -> {K, V};
largest_1({_, _, _, Bigger}) -> largest_1(Bigger).

to_list({_, T}) -> to_list(T, []).

to_list({K, V, Small, Big}, L) -> to_list(Small, [{K, V} | to_list(Big, L)]);
to_list(nil, L) -> L.

keys({_, T}) -> keys(T, []).

keys({K, _, Small, Big}, L) -> keys(Small, [K | keys(Big, L)]);
keys(nil, L) -> L.

values({_, T}) -> values(T, []).

values({_, V, Small, Big}, L) -> values(Small, [V | values(Big, L)]);
values(nil, L) -> L.

%% An iterator is the stack of nodes still to visit.
iterator({_, T}) -> push_left(T, []).

push_left({_, _, nil, _} = T, As) -> [T | As];
push_left({_, _, L, _} = T, As) -> push_left(L, [T | As]);
push_left(nil, As) -> As.

iterator_from(S, {_, T}) -> push_from(S, T, []).

push_from(S, {K, _, _, T}, As) when K < S -> push_from(S, T, As);
push_from(_, {_, _, nil, _} = T, As) -> [T | As];
push_from(S, {_, _, L, _} = T, As) -> push_from(S, L, [T | As]);
push_from(_, nil, As) -> As.

next([{K, V, _, T} | As]) -> {K, V, push_left(T, As)};
next([]) -> none.

map(F, {Size, Tree}) when is_function(F, 2) -> {Size, map_1(F, Tree)}.

map_1(_, nil) -> nil;
map_1(F, {K, V, Smaller, Bigger}) ->
    {K, F(K, V), map_1(F, Smaller), map_1(F, Bigger)}.
