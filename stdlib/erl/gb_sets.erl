%% gb_sets: ordered sets as general balanced trees, OTP 25's
%% representation {Size, Node}, Node = nil | {Key, Smaller, Bigger}.
%% Set operations follow OTP's choice between merging sorted lists and
%% inserting into the bigger set, so results have OTP's tree shapes.
-module(gb_sets).

-export([empty/0, new/0, is_empty/1, size/1, singleton/1, is_element/2,
         is_member/2, insert/2, add/2, add_element/2, balance/1, from_list/1,
         from_ordset/1, del_element/2, delete/2, delete_any/2, take_smallest/1,
         smallest/1, take_largest/1, largest/1, to_list/1, iterator/1,
         iterator_from/2, next/1, union/1, union/2, intersection/1,
         intersection/2, is_disjoint/2, subtract/2, difference/2,
         is_subset/2, is_set/1, filter/2, fold/3, map/2]).

empty() -> {0, nil}.

new() -> empty().

is_empty({0, nil}) -> true;
is_empty(_) -> false.

size({Size, _}) -> Size.

singleton(Key) -> {1, {Key, nil, nil}}.

is_element(Key, S) -> is_member(Key, S).

is_member(Key, {_, T}) -> member_1(Key, T).

member_1(Key, {K, Smaller, _}) when Key < K -> member_1(Key, Smaller);
member_1(Key, {K, _, Bigger}) when Key > K -> member_1(Key, Bigger);
member_1(_, {_, _, _}) -> true;
member_1(_, nil) -> false.

%% Same growth bound and rebalancing as gb_trees:insert/3.
insert(Key, {S, T}) ->
    S1 = S + 1,
    {S1, insert_1(Key, T, S1 * S1)}.

insert_1(Key, {K, Smaller, Bigger}, S) when Key < K ->
    case insert_1(Key, Smaller, S bsr 1) of
        {T1, H1, S1} when is_integer(H1) -> grown({K, T1, Bigger}, H1, S1, Bigger);
        T1 -> {K, T1, Bigger}
    end;
insert_1(Key, {K, Smaller, Bigger}, S) when Key > K ->
    case insert_1(Key, Bigger, S bsr 1) of
        {T1, H1, S1} when is_integer(H1) -> grown({K, Smaller, T1}, H1, S1, Smaller);
        T1 -> {K, Smaller, T1}
    end;
insert_1(Key, nil, 0) -> {{Key, nil, nil}, 1, 1};
insert_1(Key, nil, _) -> {Key, nil, nil};
insert_1(Key, _, _) -> erlang:error({key_exists, Key}).

grown(T, H1, S1, Other) ->
    {H2, S2} = count(Other),
    H = erlang:max(H1, H2) bsl 1,
    SS = S1 + S2 + 1,
    if
        H > SS * SS -> balance(T, SS);
        true -> {T, H, SS}
    end.

count({_, nil, nil}) -> {1, 1};
count({_, Sm, Bi}) ->
    {H1, S1} = count(Sm),
    {H2, S2} = count(Bi),
    {erlang:max(H1, H2) bsl 1, S1 + S2 + 1};
count(nil) -> {1, 0}.

balance({S, T}) -> {S, balance(T, S)}.

balance(T, S) -> from_sorted(to_list(T, []), S).

from_sorted(L, S) ->
    {T, []} = build(L, S),
    T.

build(L, S) when S > 1 ->
    Sm = S - 1,
    S2 = Sm div 2,
    S1 = Sm - S2,
    {T1, [K | L1]} = build(L, S1),
    {T2, L2} = build(L1, S2),
    {{K, T1, T2}, L2};
build([K | L], 1) -> {{K, nil, nil}, L};
build(L, 0) -> {nil, L}.

%% Same as build/2 but from a descending list.
build_rev(L, S) when S > 1 ->
    Sm = S - 1,
    S2 = Sm div 2,
    S1 = Sm - S2,
    {T2, [K | L1]} = build_rev(L, S1),
    {T1, L2} = build_rev(L1, S2),
    {{K, T1, T2}, L2};
build_rev([K | L], 1) -> {{K, nil, nil}, L};
build_rev(L, 0) -> {nil, L}.

from_rev(L, S) ->
    {T, _} = build_rev(L, S),
    {S, T}.

add_element(X, S) -> add(X, S).

add(X, S) ->
    case is_member(X, S) of
        true -> S;
        false -> insert(X, S)
    end.

from_list(L) -> from_ordset(ordsets:from_list(L)).

from_ordset(L) ->
    S = length(L),
    {S, from_sorted(L, S)}.

del_element(Key, S) -> delete_any(Key, S).

delete_any(Key, S) ->
    case is_member(Key, S) of
        true -> delete(Key, S);
        false -> S
    end.

delete(Key, {S, T}) -> {S - 1, delete_1(Key, T)}.

delete_1(Key, {K, Smaller, Bigger}) when Key < K -> {K, delete_1(Key, Smaller), Bigger};
delete_1(Key, {K, Smaller, Bigger}) when Key > K -> {K, Smaller, delete_1(Key, Bigger)};
delete_1(_, {_, Smaller, Bigger}) -> join(Smaller, Bigger).

join(Smaller, nil) -> Smaller;
join(nil, Bigger) -> Bigger;
join(Smaller, Bigger) ->
    {K, Bigger1} = take_smallest1(Bigger),
    {K, Smaller, Bigger1}.

take_smallest({S, T}) ->
    {K, Bigger} = take_smallest1(T),
    {K, {S - 1, Bigger}}.

take_smallest1({K, nil, Bigger}) -> {K, Bigger};
take_smallest1({K, Smaller, Bigger}) ->
    {K1, Smaller1} = take_smallest1(Smaller),
    {K1, {K, Smaller1, Bigger}}.

smallest({_, T}) -> smallest_1(T).

smallest_1({K, nil, _}) -> K;
smallest_1({_, Smaller, _}) -> smallest_1(Smaller).

take_largest({S, T}) ->
    {K, Smaller} = take_largest1(T),
    {K, {S - 1, Smaller}}.

take_largest1({K, Smaller, nil}) -> {K, Smaller};
take_largest1({K, Smaller, Bigger}) ->
    {K1, Bigger1} = take_largest1(Bigger),
    {K1, {K, Smaller, Bigger1}}.

largest({_, T}) -> largest_1(T).

largest_1({K, _, nil}) -> K;
largest_1({_, _, Bigger}) -> largest_1(Bigger).

to_list({_, T}) -> to_list(T, []).

to_list({K, Small, Big}, L) -> to_list(Small, [K | to_list(Big, L)]);
to_list(nil, L) -> L.

iterator({_, T}) -> push_left(T, []).

push_left({_, nil, _} = T, As) -> [T | As];
push_left({_, L, _} = T, As) -> push_left(L, [T | As]);
push_left(nil, As) -> As.

iterator_from(S, {_, T}) -> push_from(S, T, []).

push_from(S, {K, _, T}, As) when K < S -> push_from(S, T, As);
push_from(_, {_, nil, _} = T, As) -> [T | As];
push_from(S, {_, L, _} = T, As) -> push_from(S, L, [T | As]);
push_from(_, nil, As) -> As.

next([{X, _, T} | As]) -> {X, push_left(T, As)};
next([]) -> none.

%% The smaller set is merged into the bigger one; when the bigger one is
%% much bigger (OTP's N2 >= N1 * round(1.46 * ln N2) rule) its elements
%% are inserted one by one, otherwise both sorted lists are merged.
union({N1, T1}, {N2, T2}) when N2 < N1 -> union(to_list(T2, []), N2, T1, N1);
union({N1, T1}, {N2, T2}) -> union(to_list(T1, []), N1, T2, N2).

union(L, N1, T2, N2) ->
    case N2 < 10 orelse N2 < N1 * log_weight(N2) of
        true -> union_2(L, to_list(T2, []), [], N1 + N2);
        false -> lists:foldl(fun(X, S) -> add(X, S) end, {N2, T2}, L)
    end.

%% round(1.46 * ln(N)) without floating point: the thresholds where it
%% steps up by one.
log_weight(N) -> log_weight(N, log_steps(), 0).

log_weight(N, [Step | Steps], K) when N >= Step -> log_weight(N, Steps, K + 1);
log_weight(_N, _Steps, K) -> K.

log_steps() ->
    [2, 3, 6, 11, 22, 44, 86, 171, 338, 670, 1329, 2636, 5228, 10369, 20569,
     40801, 80933, 160541, 318454, 631697, 1253056, 2485607, 4930540, 9780395,
     19400743, 38484012, 76338270, 151427337, 300376711, 595838046,
     1181925777, 2344510479, 4650655306, 9225207128, 18299452647,
     36299452417, 72004899338, 142831508012, 283325716285, 562015080747,
     1114833327270, 2211423483406, 4386659156430, 8701534870675,
     17260677523714, 34238900723332, 67917514890803, 134723625218464,
     267242628373365, 530112089131316, 1051549405697944].

union_2([X | Xs], [Y | _] = Ys, As, S) when X < Y -> union_2(Xs, Ys, [X | As], S);
union_2([X | _] = Xs, [Y | Ys], As, S) when X > Y -> union_2(Ys, Xs, [Y | As], S);
union_2([X | Xs], [_ | Ys], As, S) -> union_2(Xs, Ys, [X | As], S - 1);
union_2([], Ys, As, S) -> from_rev(lists:reverse(Ys, As), S);
union_2(Xs, [], As, S) -> from_rev(lists:reverse(Xs, As), S).

union([S | Ss]) -> lists:foldl(fun(S1, Acc) -> union(Acc, S1) end, S, Ss);
union([]) -> empty().

intersection({N1, T1}, {N2, T2}) when N2 < N1 ->
    inter_2(to_list(T2, []), to_list(T1, []), [], 0);
intersection({_, T1}, {_, T2}) ->
    inter_2(to_list(T1, []), to_list(T2, []), [], 0).

inter_2([X | Xs], [Y | _] = Ys, As, S) when X < Y -> inter_2(Xs, Ys, As, S);
inter_2([X | _] = Xs, [Y | Ys], As, S) when X > Y -> inter_2(Ys, Xs, As, S);
inter_2([X | Xs], [_ | Ys], As, S) -> inter_2(Xs, Ys, [X | As], S + 1);
inter_2(_, _, As, S) -> from_rev(As, S).

intersection([S | Ss]) -> lists:foldl(fun(S1, Acc) -> intersection(Acc, S1) end, S, Ss).

is_disjoint(S1, S2) -> intersection(S1, S2) =:= {0, nil}.

subtract(S1, S2) -> difference(S1, S2).

difference({N1, T1}, {_, T2}) ->
    diff_2(to_list(T1, []), to_list(T2, []), [], N1).

diff_2([X | Xs], [Y | _] = Ys, As, S) when X < Y -> diff_2(Xs, Ys, [X | As], S);
diff_2([X | _] = Xs, [Y | Ys], As, S) when X > Y -> diff_2(Xs, Ys, As, S);
diff_2([_ | Xs], [_ | Ys], As, S) -> diff_2(Xs, Ys, As, S - 1);
diff_2([], _Ys, As, S) -> from_rev(As, S);
diff_2(Xs, [], As, S) -> from_rev(lists:reverse(Xs, As), S).

is_subset({_, T1}, {_, T2}) -> subset_2(to_list(T1, []), to_list(T2, [])).

subset_2([X | _], [Y | _]) when X < Y -> false;
subset_2([X | _] = Xs, [Y | Ys]) when X > Y -> subset_2(Xs, Ys);
subset_2([_ | Xs], [_ | Ys]) -> subset_2(Xs, Ys);
subset_2([], _) -> true;
subset_2(_, []) -> false.

is_set({0, nil}) -> true;
is_set({N, {_, _, _}}) when is_integer(N), N >= 0 -> true;
is_set(_) -> false.

filter(F, S) when is_function(F, 1) -> from_ordset([X || X <- to_list(S), F(X)]).

map(F, S) when is_function(F, 1) -> from_list([F(X) || X <- to_list(S)]).

fold(F, A, {_, T}) when is_function(F, 2) -> fold_1(F, A, T).

fold_1(F, Acc0, {K, Small, Big}) ->
    Acc1 = fold_1(F, Acc0, Small),
    fold_1(F, F(K, Acc1), Big);
fold_1(_, Acc, _) -> Acc.
