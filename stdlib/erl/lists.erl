%% lists: list functions with OTP 25 results. The VM provides natively
%% (so they are NOT defined here): reverse/2, keyfind/3, keymember/3,
%% keysearch/3, member/2. Sorting is a stable merge sort.
-module(lists).

-export([append/1, append/2, all/2, any/2, concat/1, delete/2, droplast/1,
         dropwhile/2, duplicate/2, enumerate/1, enumerate/2, filter/2,
         filtermap/2, flatlength/1, flatmap/2, flatten/1, flatten/2,
         foldl/3, foldr/3, foreach/2, join/2, keydelete/3, keymap/3,
         keymerge/3, keyreplace/4, keysort/2, keystore/4, keytake/3, last/1,
         map/2, mapfoldl/3, mapfoldr/3, max/1, merge/1, merge/2, merge/3,
         merge3/3, min/1, nth/2, nthtail/2, partition/2, prefix/2, reverse/1,
         rkeymerge/3, rmerge/2, rukeymerge/3, rumerge/2, rumerge/3, rumerge3/3, rmerge/3, rmerge3/3, search/2, seq/2, seq/3, sort/1, sort/2, split/2,
         splitwith/2, sublist/2, sublist/3, subtract/2, suffix/2, sum/1,
         takewhile/2, ukeymerge/3, ukeysort/2, umerge/1, umerge/2, umerge/3,
         umerge3/3, uniq/1, uniq/2, unzip/1, unzip3/1, usort/1, usort/2,
         zf/2, zip/2, zip3/3, zipwith/3, zipwith3/4]).

%% ---------------------------------------------------------------------
%% Basics

%% OTP 25's clauses: a non-list or a short improper list is a function_clause,
%% a longer improper list a badarg from reverse/2.
reverse([] = L) -> L;
reverse([_] = L) -> L;
reverse([A, B]) -> [B, A];
reverse([A, B | L]) -> lists:reverse(L, [B, A]).

append(L1, L2) -> L1 ++ L2.

append([E]) -> E;
append([H | T]) -> H ++ append(T);
append([]) -> [].

%% As OTP: each element's text is appended (a list element is appended as
%% it is, not flattened).
concat(List) ->
    flatmap(fun to_chars/1, List).

to_chars(X) when is_integer(X) -> integer_to_list(X);
to_chars(X) when is_float(X) -> float_to_list(X);
to_chars(X) when is_atom(X) -> atom_to_list(X);
to_chars(X) when is_list(X) -> X.

nth(1, [H | _]) -> H;
nth(N, [_ | T]) when N > 1 -> nth(N - 1, T).

nthtail(1, [_ | T]) -> T;
nthtail(N, [_ | T]) when N > 1 -> nthtail(N - 1, T);
nthtail(0, L) when is_list(L) -> L.

prefix([X | P], [X | L]) -> prefix(P, L);
prefix([], L) when is_list(L) -> true;
prefix([_ | _], L) when is_list(L) -> false.

suffix(Suffix, List) ->
    Delta = length(List) - length(Suffix),
    Delta >= 0 andalso nthtail(Delta, List) =:= Suffix.

droplast([_]) -> [];
droplast([H | T]) -> [H | droplast(T)].

last([E | Es]) -> last(E, Es).

last(_, [E | Es]) -> last(E, Es);
last(E, []) -> E.

seq(First, Last)
  when is_integer(First), is_integer(Last), First - 1 =< Last ->
    seq_down(Last, First, []).

seq_down(N, First, Acc) when N >= First -> seq_down(N - 1, First, [N | Acc]);
seq_down(_, _, Acc) -> Acc.

seq(First, Last, Inc)
  when is_integer(First), is_integer(Last), is_integer(Inc) ->
    if
        Inc > 0, First - Inc =< Last; Inc < 0, First - Inc >= Last ->
            N = (Last - First + Inc) div Inc,
            seq_n(N, Inc, First + (N - 1) * Inc, []);
        Inc =:= 0, First =:= Last ->
            [First];
        true ->
            erlang:error(badarg, [First, Last, Inc])
    end;
seq(First, Last, Inc) ->
    erlang:error(badarg, [First, Last, Inc]).

seq_n(0, _Inc, _X, Acc) -> Acc;
seq_n(N, Inc, X, Acc) -> seq_n(N - 1, Inc, X - Inc, [X | Acc]).

sum(L) -> sum(L, 0).

sum([H | T], Acc) -> sum(T, Acc + H);
sum([], Acc) -> Acc.

duplicate(N, X) when is_integer(N), N >= 0 -> duplicate(N, X, []).

duplicate(0, _, L) -> L;
duplicate(N, X, L) -> duplicate(N - 1, X, [X | L]).

min([H | T]) -> min(T, H).

min([H | T], Min) when H < Min -> min(T, H);
min([_ | T], Min) -> min(T, Min);
min([], Min) -> Min.

max([H | T]) -> max(T, H).

max([H | T], Max) when H > Max -> max(T, H);
max([_ | T], Max) -> max(T, Max);
max([], Max) -> Max.

sublist(List, L) when is_integer(L), is_list(List) -> sublist_2(List, L).

sublist_2([H | T], L) when L > 0 -> [H | sublist_2(T, L - 1)];
sublist_2(_, 0) -> [];
sublist_2(List, L) when is_list(List), L > 0 -> [].

sublist(List, 1, L) when is_list(List), is_integer(L), L >= 0 ->
    sublist(List, L);
sublist([], S, _L) when is_integer(S), S >= 2 -> [];
sublist([_ | T], S, L) when is_integer(S), S >= 2 -> sublist(T, S - 1, L).

delete(Item, [Item | Rest]) -> Rest;
delete(Item, [H | Rest]) -> [H | delete(Item, Rest)];
delete(_, []) -> [].

subtract(L1, L2) -> L1 -- L2.

split(N, List) when is_integer(N), N >= 0, is_list(List) ->
    case split(N, List, []) of
        {_, _} = Result -> Result;
        Fault when is_atom(Fault) -> erlang:error(badarg, [N, List])
    end;
split(N, List) ->
    erlang:error(badarg, [N, List]).

split(0, L, R) -> {lists:reverse(R, []), L};
split(N, [H | T], R) -> split(N - 1, T, [H | R]);
split(_, [], _) -> badarg.

join(_Sep, []) -> [];
join(Sep, [H | T]) -> [H | join_prepend(Sep, T)].

join_prepend(_Sep, []) -> [];
join_prepend(Sep, [H | T]) -> [Sep, H | join_prepend(Sep, T)].

%% ---------------------------------------------------------------------
%% Flattening

flatten(List) when is_list(List) -> do_flatten(List, []).

flatten(List, Tail) when is_list(List), is_list(Tail) -> do_flatten(List, Tail).

do_flatten([H | T], Tail) when is_list(H) -> do_flatten(H, do_flatten(T, Tail));
do_flatten([H | T], Tail) -> [H | do_flatten(T, Tail)];
do_flatten([], Tail) -> Tail.

flatlength(List) -> flatlength(List, 0).

flatlength([H | T], L) when is_list(H) -> flatlength(H, flatlength(T, L));
flatlength([_ | T], L) -> flatlength(T, L + 1);
flatlength([], L) -> L.

%% ---------------------------------------------------------------------
%% Higher order

%% Like OTP 25, the higher-order functions check the fun before the list.
%% OTP 25 takes the first cell apart in a case (a non-list is a case_clause).
map(F, L) when is_function(F, 1) ->
    case L of
        [H | T] -> [F(H) | map_1(F, T)];
        [] -> []
    end.

map_1(F, [H | T]) -> [F(H) | map_1(F, T)];
map_1(_F, []) -> [].

flatmap(F, L) when is_function(F, 1) -> flatmap_1(F, L).

flatmap_1(F, [H | T]) -> F(H) ++ flatmap_1(F, T);
flatmap_1(_F, []) -> [].

foldl(F, Acc, L) when is_function(F, 2) ->
    case L of
        [H | T] -> foldl_1(F, F(H, Acc), T);
        [] -> Acc
    end.

foldl_1(F, Acc, [H | T]) -> foldl_1(F, F(H, Acc), T);
foldl_1(_F, Acc, []) -> Acc.

foldr(F, Acc, L) when is_function(F, 2) -> foldr_1(F, Acc, L).

foldr_1(F, Acc, [H | T]) -> F(H, foldr_1(F, Acc, T));
foldr_1(_F, Acc, []) -> Acc.

filter(Pred, List) when is_function(Pred, 1) ->
    [E || E <- List, Pred(E)].

partition(Pred, L) when is_function(Pred, 1) -> partition(Pred, L, [], []).

partition(Pred, [H | T], As, Bs) ->
    case Pred(H) of
        true -> partition(Pred, T, [H | As], Bs);
        false -> partition(Pred, T, As, [H | Bs])
    end;
partition(_Pred, [], As, Bs) ->
    {lists:reverse(As, []), lists:reverse(Bs, [])}.

filtermap(F, L) when is_function(F, 1) -> filtermap_1(F, L).

filtermap_1(F, [H | T]) ->
    case F(H) of
        false -> filtermap_1(F, T);
        true -> [H | filtermap_1(F, T)];
        {true, V} -> [V | filtermap_1(F, T)]
    end;
filtermap_1(_F, []) -> [].

zf(F, L) -> filtermap(F, L).

foreach(F, L) when is_function(F, 1) -> foreach_1(F, L).

foreach_1(F, [H | T]) -> F(H), foreach_1(F, T);
foreach_1(_F, []) -> ok.

all(Pred, L) when is_function(Pred, 1) ->
    case L of
        [H | T] ->
            case Pred(H) of
                true -> all_1(Pred, T);
                false -> false
            end;
        [] -> true
    end.

all_1(Pred, [H | T]) ->
    case Pred(H) of
        true -> all_1(Pred, T);
        false -> false
    end;
all_1(_Pred, []) -> true.

any(Pred, L) when is_function(Pred, 1) ->
    case L of
        [H | T] ->
            case Pred(H) of
                true -> true;
                false -> any_1(Pred, T)
            end;
        [] -> false
    end.

any_1(Pred, [H | T]) ->
    case Pred(H) of
        true -> true;
        false -> any_1(Pred, T)
    end;
any_1(_Pred, []) -> false.

dropwhile(Pred, L) when is_function(Pred, 1) -> dropwhile_1(Pred, L).

dropwhile_1(Pred, [H | T] = Rest) ->
    case Pred(H) of
        true -> dropwhile_1(Pred, T);
        false -> Rest
    end;
dropwhile_1(_Pred, []) -> [].

takewhile(Pred, L) when is_function(Pred, 1) -> takewhile_1(Pred, L).

takewhile_1(Pred, [H | T]) ->
    case Pred(H) of
        true -> [H | takewhile_1(Pred, T)];
        false -> []
    end;
takewhile_1(_Pred, []) -> [].

splitwith(Pred, List) when is_function(Pred, 1) -> splitwith(Pred, List, []).

splitwith(Pred, [H | T], Acc) ->
    case Pred(H) of
        true -> splitwith(Pred, T, [H | Acc]);
        false -> {lists:reverse(Acc, []), [H | T]}
    end;
splitwith(_Pred, [], Acc) -> {lists:reverse(Acc, []), []}.

mapfoldl(F, Acc, L) when is_function(F, 2) -> mapfoldl_1(F, Acc, L).

mapfoldl_1(F, Acc0, [H | T]) ->
    {R, Acc1} = F(H, Acc0),
    {Rs, Acc2} = mapfoldl_1(F, Acc1, T),
    {[R | Rs], Acc2};
mapfoldl_1(_F, Acc, []) -> {[], Acc}.

mapfoldr(F, Acc, L) when is_function(F, 2) -> mapfoldr_1(F, Acc, L).

mapfoldr_1(F, Acc0, [H | T]) ->
    {Rs, Acc1} = mapfoldr_1(F, Acc0, T),
    {R, Acc2} = F(H, Acc1),
    {[R | Rs], Acc2};
mapfoldr_1(_F, Acc, []) -> {[], Acc}.

search(Pred, L) when is_function(Pred, 1) -> search_1(Pred, L).

search_1(Pred, [H | T]) ->
    case Pred(H) of
        true -> {value, H};
        false -> search_1(Pred, T)
    end;
search_1(_Pred, []) -> false.

enumerate(List) -> enumerate(1, List).

enumerate(Index, List) when is_integer(Index), is_list(List) ->
    enumerate_1(Index, List).

enumerate_1(I, [H | T]) -> [{I, H} | enumerate_1(I + 1, T)];
enumerate_1(_I, []) -> [].

uniq(L) -> uniq_1(L, #{}).

uniq_1([X | Xs], M) ->
    case maps:is_key(X, M) of
        true -> uniq_1(Xs, M);
        false -> [X | uniq_1(Xs, maps:put(X, true, M))]
    end;
uniq_1([], _) -> [].

uniq(F, L) when is_function(F, 1) -> uniq_2(L, F, #{}).

uniq_2([X | Xs], F, M) ->
    Key = F(X),
    case maps:is_key(Key, M) of
        true -> uniq_2(Xs, F, M);
        false -> [X | uniq_2(Xs, F, maps:put(Key, true, M))]
    end;
uniq_2([], _, _) -> [].

%% ---------------------------------------------------------------------
%% Zipping

zip([X | Xs], [Y | Ys]) -> [{X, Y} | zip(Xs, Ys)];
zip([], []) -> [].

zip3([X | Xs], [Y | Ys], [Z | Zs]) -> [{X, Y, Z} | zip3(Xs, Ys, Zs)];
zip3([], [], []) -> [].

zipwith(F, [X | Xs], [Y | Ys]) -> [F(X, Y) | zipwith(F, Xs, Ys)];
zipwith(F, [], []) when is_function(F, 2) -> [].

zipwith3(F, [X | Xs], [Y | Ys], [Z | Zs]) -> [F(X, Y, Z) | zipwith3(F, Xs, Ys, Zs)];
zipwith3(F, [], [], []) when is_function(F, 3) -> [].

unzip(Ts) -> unzip(Ts, [], []).

unzip([{X, Y} | Ts], Xs, Ys) -> unzip(Ts, [X | Xs], [Y | Ys]);
unzip([], Xs, Ys) -> {lists:reverse(Xs, []), lists:reverse(Ys, [])}.

unzip3(Ts) -> unzip3(Ts, [], [], []).

unzip3([{X, Y, Z} | Ts], Xs, Ys, Zs) -> unzip3(Ts, [X | Xs], [Y | Ys], [Z | Zs]);
unzip3([], Xs, Ys, Zs) ->
    {lists:reverse(Xs, []), lists:reverse(Ys, []), lists:reverse(Zs, [])}.

%% ---------------------------------------------------------------------
%% Tuple lists

keydelete(K, N, L) when is_integer(N), N > 0 -> keydelete3(K, N, L).

keydelete3(Key, N, [H | T]) when element(N, H) == Key -> T;
keydelete3(Key, N, [H | T]) -> [H | keydelete3(Key, N, T)];
keydelete3(_, _, []) -> [].

keyreplace(K, N, L, New) when is_integer(N), N > 0, is_tuple(New) ->
    keyreplace3(K, N, L, New).

keyreplace3(Key, Pos, [Tup | Tail], New) when element(Pos, Tup) == Key ->
    [New | Tail];
keyreplace3(Key, Pos, [H | T], New) -> [H | keyreplace3(Key, Pos, T, New)];
keyreplace3(_, _, [], _) -> [].

keytake(Key, N, L) when is_integer(N), N > 0 -> keytake(Key, N, L, []).

keytake(Key, N, [H | T], L) when element(N, H) == Key ->
    {value, H, lists:reverse(L, T)};
keytake(Key, N, [H | T], L) -> keytake(Key, N, T, [H | L]);
keytake(_K, _N, [], _L) -> false.

keystore(K, N, L, New) when is_integer(N), N > 0, is_tuple(New) ->
    keystore2(K, N, L, New).

keystore2(Key, N, [H | T], New) when element(N, H) == Key -> [New | T];
keystore2(Key, N, [H | T], New) -> [H | keystore2(Key, N, T, New)];
keystore2(_Key, _N, [], New) -> [New].

keymap(Fun, Index, [Tup | Tail]) ->
    [setelement(Index, Tup, Fun(element(Index, Tup))) | keymap(Fun, Index, Tail)];
keymap(Fun, Index, []) when is_integer(Index), Index >= 1, is_function(Fun, 1) ->
    [].

%% OTP 25 looks at the list in a case (a non-list is a case_clause; an
%% improper list a function_clause from its run splitting).
keysort(I, L) when is_integer(I), I > 0 ->
    case L of
        [] -> L;
        [_] -> L;
        [_, _ | _] ->
            proper_or_fc(L, [I, L]),
            msort(fun(A, B) -> element(I, A) =< element(I, B) end, L)
    end.

ukeysort(I, L) when is_integer(I), I > 0 ->
    case L of
        [] -> L;
        [_] -> L;
        [_, _ | _] -> ukeydedup(I, keysort(I, L))
    end.

%% A function_clause error (with Args) unless L is a proper list.
proper_or_fc(L, Args) ->
    case is_proper(L) of
        true -> ok;
        false -> erlang:error(function_clause, Args)
    end.

is_proper([_ | T]) -> is_proper(T);
is_proper([]) -> true;
is_proper(_) -> false.

ukeydedup(I, [A, B | T]) when element(I, A) == element(I, B) ->
    ukeydedup(I, [A | T]);
ukeydedup(I, [A | T]) -> [A | ukeydedup(I, T)];
ukeydedup(_I, []) -> [].

%% As OTP 25: the second list is taken apart in a case, then the keys of
%% the two heads are read (badarg for a non-tuple) before merging.
keymerge(I, L1, L2) when is_integer(I), I > 0 ->
    case L2 of
        [] -> L1;
        [H2 | _] ->
            key_heads(I, H2, L1, [I, L1, L2]),
            merge(fun(A, B) -> element(I, A) =< element(I, B) end, L1, L2)
    end.

rkeymerge(I, L1, L2) when is_integer(I), I > 0 ->
    case L2 of
        [] -> L1;
        [H2 | _] ->
            key_heads(I, H2, L1, [I, L1, L2]),
            merge(fun(A, B) -> element(I, A) > element(I, B) end, L1, L2)
    end.

key_heads(I, H2, L1, Args) ->
    _ = element(I, H2),
    case L1 of
        [H1 | _] -> _ = element(I, H1), ok;
        [] -> ok;
        _ -> erlang:error(function_clause, Args)
    end.

%% ukeymerge takes the first list apart instead.
ukeymerge(I, L1, L2) when is_integer(I), I > 0 ->
    case L1 of
        [] -> L2;
        [H1 | _] ->
            key_heads(I, H1, L2, [I, L1, L2]),
            ukeymerge_1(I, L1, L2)
    end.

ukeymerge_1(I, [A | As] = L1, [B | Bs] = L2) ->
    KA = element(I, A),
    KB = element(I, B),
    if
        KA == KB -> [A | ukeymerge_1(I, As, Bs)];
        KA < KB -> [A | ukeymerge_1(I, As, L2)];
        true -> [B | ukeymerge_1(I, L1, Bs)]
    end;
ukeymerge_1(_I, [], L2) -> L2;
ukeymerge_1(_I, L1, []) -> L1.

%% ---------------------------------------------------------------------
%% Sorting and merging (stable: equal elements keep their order)

%% sort/1 follows OTP's algorithm step for step, because terms that are
%% == but not =:= (1 and 1.0) end up in an order that depends on it. It
%% collects ascending (up_*) or descending (down_*) runs of two-element
%% steps, then merges the runs three at a time, alternating between
%% building ascending (asc_*) and reversed (desc_*) results.
sort([X, Y | L] = L0) when X =< Y ->
    case L of
        [] -> L0;
        [Z] when Y =< Z -> L0;
        [Z] when X =< Z -> [X, Z, Y];
        [Z] -> [Z, X, Y];
        _ when X == Y -> sort_equal(Y, L, [X]);
        _ -> up(X, Y, L, [], [])
    end;
sort([X, Y | L]) ->
    case L of
        [] -> [Y, X];
        [Z] when X =< Z -> [Y, X | L];
        [Z] when Y =< Z -> [Y, Z, X];
        [Z] -> [Z, Y, X];
        _ -> down(X, Y, L, [], [])
    end;
sort([_] = L) -> L;
sort([] = L) -> L.

sort_equal(X, [Y | L], R) when X == Y -> sort_equal(Y, L, [X | R]);
sort_equal(X, [Y | L], R) when X < Y -> up(X, Y, L, R, []);
sort_equal(X, [Y | L], R) -> down(X, Y, L, R, []);
sort_equal(X, [], R) -> lists:reverse(R, [X]).

%% Ascending runs: X =< Y are the two newest elements, R the run so far
%% (reversed), Rs the finished runs.
up(X, Y, [Z | L], R, Rs) when Z >= Y -> up(Y, Z, L, [X | R], Rs);
up(X, Y, [Z | L], R, Rs) when Z >= X -> up(Z, Y, L, [X | R], Rs);
up(X, Y, [Z | L], [], Rs) -> up(X, Y, L, [Z], Rs);
up(X, Y, [Z | L], R, Rs) -> up_s(X, Y, L, R, Rs, Z);
up(X, Y, [], R, Rs) -> desc_runs([[Y, X | R] | Rs], []).

up_s(X, Y, [Z | L], R, Rs, S) when Z >= Y -> up_s(Y, Z, L, [X | R], Rs, S);
up_s(X, Y, [Z | L], R, Rs, S) when Z >= X -> up_s(Z, Y, L, [X | R], Rs, S);
up_s(X, Y, [Z | L], R, Rs, S) when S =< Z -> up(S, Z, L, [], [[Y, X | R] | Rs]);
up_s(X, Y, [Z | L], R, Rs, S) -> up(Z, S, L, [], [[Y, X | R] | Rs]);
up_s(X, Y, [], R, Rs, S) -> desc_runs([[S], [Y, X | R] | Rs], []).

down(X, Y, [Z | L], R, Rs) when Z =< Y -> down(Y, Z, L, [X | R], Rs);
down(X, Y, [Z | L], R, Rs) when Z =< X -> down(Z, Y, L, [X | R], Rs);
down(X, Y, [Z | L], [], Rs) -> down(X, Y, L, [Z], Rs);
down(X, Y, [Z | L], R, Rs) -> down_s(X, Y, L, R, Rs, Z);
down(X, Y, [], R, Rs) -> asc_runs([[Y, X | R] | Rs], []).

down_s(X, Y, [Z | L], R, Rs, S) when Z =< Y -> down_s(Y, Z, L, [X | R], Rs, S);
down_s(X, Y, [Z | L], R, Rs, S) when Z =< X -> down_s(Z, Y, L, [X | R], Rs, S);
down_s(X, Y, [Z | L], R, Rs, S) when S > Z -> down(S, Z, L, [], [[Y, X | R] | Rs]);
down_s(X, Y, [Z | L], R, Rs, S) -> down(Z, S, L, [], [[Y, X | R] | Rs]);
down_s(X, Y, [], R, Rs, S) -> asc_runs([[S], [Y, X | R] | Rs], []).

%% asc_runs: runs are descending lists; merge them in threes into
%% ascending-built (hence reversed) results, then switch direction.
asc_runs([[] | L], Acc) -> asc_runs(L, Acc);
asc_runs([T1, [H2 | T2], [H3 | T3] | L], Acc) ->
    asc_runs(L, [am3(T1, [], H2, T2, H3, T3) | Acc]);
asc_runs([T1, [H2 | T2]], Acc) ->
    desc_runs([am2(T1, H2, T2, []) | Acc], []);
asc_runs([L], []) -> L;
asc_runs([L], Acc) -> desc_runs([lists:reverse(L, []) | Acc], []);
asc_runs([], []) -> [];
asc_runs([], Acc) -> desc_runs(Acc, []);
asc_runs([A, [] | L], Acc) -> asc_runs([A | L], Acc);
asc_runs([A, B, [] | L], Acc) -> asc_runs([A, B | L], Acc).

desc_runs([[H3 | T3], [H2 | T2], T1 | L], Acc) ->
    desc_runs(L, [dm3(T1, [], H2, T2, H3, T3) | Acc]);
desc_runs([[H2 | T2], T1], Acc) ->
    asc_runs([dm2(T1, H2, T2, []) | Acc], []);
desc_runs([L], Acc) -> asc_runs([lists:reverse(L, []) | Acc], []);
desc_runs([], Acc) -> asc_runs(Acc, []).

%% Three-way merges into M (accumulated in reverse).
am3([H1 | T1], M, H2, T2, H3, T3) when H1 =< H2 -> am3_12(T1, H1, H2, T2, H3, T3, M);
am3([H1 | T1], M, H2, T2, H3, T3) -> am3_21(T1, H1, H2, T2, H3, T3, M);
am3([], M, H2, T2, H3, T3) when H2 =< H3 -> am2(T2, H3, T3, [H2 | M]);
am3([], M, H2, T2, H3, T3) -> am2_h(T2, H3, T3, M, H2).

am3_b(T1, H1, M, [H2 | T2], H3, T3) when H1 =< H2 -> am3_12(T1, H1, H2, T2, H3, T3, M);
am3_b(T1, H1, M, [H2 | T2], H3, T3) -> am3_21(T1, H1, H2, T2, H3, T3, M);
am3_b(T1, H1, M, [], H3, T3) when H1 =< H3 -> am2(T1, H3, T3, [H1 | M]);
am3_b(T1, H1, M, [], H3, T3) -> am2_h(T1, H3, T3, M, H1).

am3_12(T1, H1, H2, T2, H3, T3, M) when H1 =< H3 -> am3(T1, [H1 | M], H2, T2, H3, T3);
am3_12(T1, H1, H2, T2, H3, T3, M) -> am3_12_3(T1, H1, H2, T2, [H3 | M], T3).

am3_12_3(T1, H1, H2, T2, M, [H3 | T3]) when H1 =< H3 -> am3(T1, [H1 | M], H2, T2, H3, T3);
am3_12_3(T1, H1, H2, T2, M, [H3 | T3]) -> am3_12_3(T1, H1, H2, T2, [H3 | M], T3);
am3_12_3(T1, H1, H2, T2, M, []) -> am2(T1, H2, T2, [H1 | M]).

am3_21(T1, H1, H2, T2, H3, T3, M) when H2 =< H3 -> am3_b(T1, H1, [H2 | M], T2, H3, T3);
am3_21(T1, H1, H2, T2, H3, T3, M) -> am3_21_3(T1, H1, H2, T2, [H3 | M], T3).

am3_21_3(T1, H1, H2, T2, M, [H3 | T3]) when H2 =< H3 -> am3_b(T1, H1, [H2 | M], T2, H3, T3);
am3_21_3(T1, H1, H2, T2, M, [H3 | T3]) -> am3_21_3(T1, H1, H2, T2, [H3 | M], T3);
am3_21_3(T1, H1, H2, T2, M, []) -> am2_h(T1, H2, T2, M, H1).

dm3([H1 | T1], M, H2, T2, H3, T3) when H1 =< H2 -> dm3_12(T1, H1, H2, T2, H3, T3, M);
dm3([H1 | T1], M, H2, T2, H3, T3) -> dm3_21(T1, H1, H2, T2, H3, T3, M);
dm3([], M, H2, T2, H3, T3) when H2 =< H3 -> dm2_h(T2, H3, T3, M, H2);
dm3([], M, H2, T2, H3, T3) -> dm2(T2, H3, T3, [H2 | M]).

dm3_b(T1, H1, M, [H2 | T2], H3, T3) when H1 =< H2 -> dm3_12(T1, H1, H2, T2, H3, T3, M);
dm3_b(T1, H1, M, [H2 | T2], H3, T3) -> dm3_21(T1, H1, H2, T2, H3, T3, M);
dm3_b(T1, H1, M, [], H3, T3) when H1 =< H3 -> dm2_h(T1, H3, T3, M, H1);
dm3_b(T1, H1, M, [], H3, T3) -> dm2(T1, H3, T3, [H1 | M]).

dm3_12(T1, H1, H2, T2, H3, T3, M) when H2 =< H3 -> dm3_12_3(T1, H1, H2, T2, [H3 | M], T3);
dm3_12(T1, H1, H2, T2, H3, T3, M) -> dm3_b(T1, H1, [H2 | M], T2, H3, T3).

dm3_12_3(T1, H1, H2, T2, M, [H3 | T3]) when H2 =< H3 -> dm3_12_3(T1, H1, H2, T2, [H3 | M], T3);
dm3_12_3(T1, H1, H2, T2, M, [H3 | T3]) -> dm3_b(T1, H1, [H2 | M], T2, H3, T3);
dm3_12_3(T1, H1, H2, T2, M, []) -> dm2_h(T1, H2, T2, M, H1).

dm3_21(T1, H1, H2, T2, H3, T3, M) when H1 =< H3 -> dm3_21_3(T1, H1, H2, T2, [H3 | M], T3);
dm3_21(T1, H1, H2, T2, H3, T3, M) -> dm3(T1, [H1 | M], H2, T2, H3, T3).

dm3_21_3(T1, H1, H2, T2, M, [H3 | T3]) when H1 =< H3 -> dm3_21_3(T1, H1, H2, T2, [H3 | M], T3);
dm3_21_3(T1, H1, H2, T2, M, [H3 | T3]) -> dm3(T1, [H1 | M], H2, T2, H3, T3);
dm3_21_3(T1, H1, H2, T2, M, []) -> dm2(T1, H2, T2, [H1 | M]).

%% Two-way merges; the _h forms hold one element of the first list.
am2([H1 | T1], H2, T2, M) when H1 =< H2 -> am2(T1, H2, T2, [H1 | M]);
am2([H1 | T1], H2, T2, M) -> am2_h(T1, H2, T2, M, H1);
am2([], H2, T2, M) -> lists:reverse(T2, [H2 | M]).

am2_h(T1, HdM, [H2 | T2], M, H1) when H1 =< H2 -> am2(T1, H2, T2, [H1, HdM | M]);
am2_h(T1, HdM, [H2 | T2], M, H1) -> am2_h(T1, H2, T2, [HdM | M], H1);
am2_h(T1, HdM, [], M, H1) -> lists:reverse(T1, [H1, HdM | M]).

dm2([H1 | T1], H2, T2, M) when H1 =< H2 -> dm2_h(T1, H2, T2, M, H1);
dm2([H1 | T1], H2, T2, M) -> dm2(T1, H2, T2, [H1 | M]);
dm2([], H2, T2, M) -> lists:reverse(T2, [H2 | M]).

dm2_h(T1, HdM, [H2 | T2], M, H1) when H1 =< H2 -> dm2_h(T1, H2, T2, [HdM | M], H1);
dm2_h(T1, HdM, [H2 | T2], M, H1) -> dm2(T1, H2, T2, [H1, HdM | M]);
dm2_h(T1, HdM, [], M, H1) -> lists:reverse(T1, [H1, HdM | M]).

%% sort/2 also follows OTP's algorithm, so a Fun that is not an order
%% (or one with side effects) sees the same calls in the same order.
sort(Fun, []) when is_function(Fun, 2) -> [];
sort(Fun, [_] = L) when is_function(Fun, 2) -> L;
sort(Fun, [X, Y | T]) ->
    case Fun(X, Y) of
        true -> f_up(Y, X, Fun, T, [], []);
        false -> f_down(Y, X, Fun, T, [], [])
    end.

%% Runs where Fun holds between neighbours (Y is the newest element).
f_up(Y, X, Fun, [Z | L], R, Rs) ->
    case Fun(Y, Z) of
        true -> f_up(Z, Y, Fun, L, [X | R], Rs);
        false ->
            case Fun(X, Z) of
                true -> f_up(Y, Z, Fun, L, [X | R], Rs);
                false when R == [] -> f_up(Y, X, Fun, L, [Z], Rs);
                false -> f_up_s(Y, X, Fun, L, R, Rs, Z)
            end
    end;
f_up(Y, X, Fun, [], R, Rs) -> f_desc_runs([[Y, X | R] | Rs], [], Fun, asc).

f_up_s(Y, X, Fun, [Z | L], R, Rs, S) ->
    case Fun(Y, Z) of
        true -> f_up_s(Z, Y, Fun, L, [X | R], Rs, S);
        false ->
            case Fun(X, Z) of
                true -> f_up_s(Y, Z, Fun, L, [X | R], Rs, S);
                false ->
                    case Fun(S, Z) of
                        true -> f_up(Z, S, Fun, L, [], [[Y, X | R] | Rs]);
                        false -> f_up(S, Z, Fun, L, [], [[Y, X | R] | Rs])
                    end
            end
    end;
f_up_s(Y, X, Fun, [], R, Rs, S) -> f_desc_runs([[S], [Y, X | R] | Rs], [], Fun, asc).

f_down(Y, X, Fun, [Z | L], R, Rs) ->
    case Fun(Y, Z) of
        false -> f_down(Z, Y, Fun, L, [X | R], Rs);
        true ->
            case Fun(X, Z) of
                false -> f_down(Y, Z, Fun, L, [X | R], Rs);
                true when R == [] -> f_down(Y, X, Fun, L, [Z], Rs);
                true -> f_down_s(Y, X, Fun, L, R, Rs, Z)
            end
    end;
f_down(Y, X, Fun, [], R, Rs) -> f_asc_runs([[Y, X | R] | Rs], [], Fun, desc).

f_down_s(Y, X, Fun, [Z | L], R, Rs, S) ->
    case Fun(Y, Z) of
        false -> f_down_s(Z, Y, Fun, L, [X | R], Rs, S);
        true ->
            case Fun(X, Z) of
                false -> f_down_s(Y, Z, Fun, L, [X | R], Rs, S);
                true ->
                    case Fun(S, Z) of
                        false -> f_down(Z, S, Fun, L, [], [[Y, X | R] | Rs]);
                        true -> f_down(S, Z, Fun, L, [], [[Y, X | R] | Rs])
                    end
            end
    end;
f_down_s(Y, X, Fun, [], R, Rs, S) -> f_asc_runs([[S], [Y, X | R] | Rs], [], Fun, desc).

%% Pairwise merging of runs, alternating direction; O says which way the
%% original runs went.
f_asc_runs([T1, [H2 | T2] | L], Acc, Fun, asc) ->
    f_asc_runs(L, [fm2(T1, H2, Fun, T2, []) | Acc], Fun, asc);
f_asc_runs([[H2 | T2], T1 | L], Acc, Fun, desc) ->
    f_asc_runs(L, [fm2(T1, H2, Fun, T2, []) | Acc], Fun, desc);
f_asc_runs([L], [], _Fun, _O) -> L;
f_asc_runs([L], Acc, Fun, O) -> f_desc_runs([lists:reverse(L, []) | Acc], [], Fun, O);
f_asc_runs([], Acc, Fun, O) -> f_desc_runs(Acc, [], Fun, O).

f_desc_runs([[H2 | T2], T1 | L], Acc, Fun, asc) ->
    f_desc_runs(L, [rfm2(T1, H2, Fun, T2, []) | Acc], Fun, asc);
f_desc_runs([T1, [H2 | T2] | L], Acc, Fun, desc) ->
    f_desc_runs(L, [rfm2(T1, H2, Fun, T2, []) | Acc], Fun, desc);
f_desc_runs([L], Acc, Fun, O) -> f_asc_runs([lists:reverse(L, []) | Acc], [], Fun, O);
f_desc_runs([], Acc, Fun, O) -> f_asc_runs(Acc, [], Fun, O).

fm2([H1 | T1], H2, Fun, T2, M) ->
    case Fun(H1, H2) of
        true -> fm2(T1, H2, Fun, T2, [H1 | M]);
        false -> fm2_h(H1, T1, Fun, T2, [H2 | M])
    end;
fm2([], H2, _Fun, T2, M) -> lists:reverse(T2, [H2 | M]).

fm2_h(H1, T1, Fun, [H2 | T2], M) ->
    case Fun(H1, H2) of
        true -> fm2(T1, H2, Fun, T2, [H1 | M]);
        false -> fm2_h(H1, T1, Fun, T2, [H2 | M])
    end;
fm2_h(H1, T1, _Fun, [], M) -> lists:reverse(T1, [H1 | M]).

rfm2([H1 | T1], H2, Fun, T2, M) ->
    case Fun(H1, H2) of
        true -> rfm2_h(H1, T1, Fun, T2, [H2 | M]);
        false -> rfm2(T1, H2, Fun, T2, [H1 | M])
    end;
rfm2([], H2, _Fun, T2, M) -> lists:reverse(T2, [H2 | M]).

rfm2_h(H1, T1, Fun, [H2 | T2], M) ->
    case Fun(H1, H2) of
        true -> rfm2_h(H1, T1, Fun, T2, [H2 | M]);
        false -> rfm2(T1, H2, Fun, T2, [H1 | M])
    end;
rfm2_h(H1, T1, _Fun, [], M) -> lists:reverse(T1, [H1 | M]).

%% usort keeps the first of equal elements, which a stable sort gives.
usort(L) when is_list(L) ->
    proper_or_fc(L, [L]),
    dedup(msort(fun(A, B) -> A =< B end, L)).

usort(Fun, L) when is_function(Fun, 2), is_list(L) ->
    proper_or_fc(L, [Fun, L]),
    dedup_fun(Fun, msort(Fun, L)).


dedup([A, B | T]) when A == B -> dedup([A | T]);
dedup([A | T]) -> [A | dedup(T)];
dedup([]) -> [].

%% Two neighbours are equal when Fun says B comes before A too.
dedup_fun(Fun, [A, B | T]) ->
    case Fun(B, A) of
        true -> dedup_fun(Fun, [A | T]);
        false -> [A | dedup_fun(Fun, [B | T])]
    end;
dedup_fun(_Fun, L) -> L.

msort(_Fun, []) -> [];
msort(_Fun, [_] = L) -> L;
msort(Fun, L) ->
    {A, B} = halve(L, length(L) div 2, []),
    mergef(Fun, msort(Fun, A), msort(Fun, B)).

halve(L, 0, Acc) -> {lists:reverse(Acc, []), L};
halve([H | T], N, Acc) -> halve(T, N - 1, [H | Acc]).

mergef(Fun, [A | As] = L1, [B | Bs] = L2) ->
    case Fun(A, B) of
        true -> [A | mergef(Fun, As, L2)];
        false -> [B | mergef(Fun, L1, Bs)]
    end;
mergef(_Fun, [], L2) -> proper_or_badarg(L2);
mergef(_Fun, L1, []) -> proper_or_badarg(L1).

proper_or_badarg(L) ->
    case is_proper(L) of
        true -> L;
        false -> erlang:error(badarg)
    end.

%% As OTP 25: the second list is taken apart first (a non-list is a
%% function_clause) and an improper rest is a badarg.
merge(L1, [_ | _] = L2) -> mergef(fun(A, B) -> A =< B end, L1, L2);
merge(L1, []) -> L1.

merge(Fun, L1, [_ | _] = L2) when is_function(Fun, 2) -> mergef(Fun, L1, L2);
merge(Fun, L1, []) when is_function(Fun, 2) -> L1.

%% A non-list (or improper list) of lists is a function_clause, as in OTP.
merge(Lists) -> merge_all(Lists, []).

merge_all([L | Ls], Acc) -> merge_all(Ls, merge(Acc, L));
merge_all([], Acc) -> Acc.

merge3(L1, L2, L3) -> merge(merge(L1, L2), L3).

%% Merges of lists sorted in descending order (OTP's internal helpers,
%% exported as in OTP).
rmerge(T1, []) -> T1;
rmerge(T1, [H2 | T2]) -> lists:reverse(dm2(T1, H2, T2, []), []).

rmerge(Fun, T1, [H2 | T2]) when is_function(Fun, 2) ->
    lists:reverse(rfm2(T1, H2, Fun, T2, []), []);
rmerge(Fun, T1, []) when is_function(Fun, 2) -> T1.

rmerge3(L1, [], L3) -> rmerge(L1, L3);
rmerge3(L1, L2, []) -> rmerge(L1, L2);
rmerge3(L1, [H2 | T2], [H3 | T3]) -> lists:reverse(dm3(L1, [], H2, T2, H3, T3), []).

%% umerge takes the first list apart first (a non-list is a function_clause).
umerge([], L2) -> L2;
umerge([_ | _] = L1, L2) -> umergef(fun(A, B) -> A =< B end, L1, L2).

umerge(Fun, [], L2) when is_function(Fun, 2) -> L2;
umerge(Fun, [_ | _] = L1, L2) when is_function(Fun, 2) -> umergef(Fun, L1, L2).

umerge(Lists) -> umerge_all(Lists, []).

umerge_all([L | Ls], Acc) -> umerge_all(Ls, umerge(Acc, L));
umerge_all([], Acc) -> Acc.

umerge3(L1, L2, L3) -> umerge(umerge(L1, L2), L3).

%% Unique merges of lists sorted in descending order (OTP's internal
%% helpers, exported as in OTP): of equal elements, the first list's is kept.
rumerge(L1, L2) ->
    lists:reverse(umerge(lists:reverse(L1, []), lists:reverse(L2, [])), []).

rumerge(Fun, L1, L2) when is_function(Fun, 2) ->
    lists:reverse(umerge(Fun, lists:reverse(L1, []), lists:reverse(L2, [])), []).

rumerge3(L1, L2, L3) -> rumerge(rumerge(L1, L2), L3).

rukeymerge(I, L1, L2) when is_integer(I), I > 0 ->
    lists:reverse(ukeymerge(I, lists:reverse(L1, []), lists:reverse(L2, [])), []).

umergef(Fun, [A | As] = L1, [B | Bs] = L2) ->
    case Fun(A, B) of
        true ->
            case Fun(B, A) of
                true -> [A | umergef(Fun, As, Bs)];
                false -> [A | umergef(Fun, As, L2)]
            end;
        false -> [B | umergef(Fun, L1, Bs)]
    end;
umergef(_Fun, [], L2) -> proper_or_badarg(L2);
umergef(_Fun, L1, []) -> proper_or_badarg(L1).
