%% sets: OTP 25's sets. Version 1 (the default) is a linear hash table
%% with OTP's record layout, growth rules and bucket choice (through
%% krarup_phash, the legacy erlang:phash/2), so sets print and list their
%% elements exactly as OTP does. Version 2 (new([{version, 2}])) is a map
%% from element to [].
-module(sets).
-compile({no_auto_import, [size/1]}).

-export([new/0, new/1, is_set/1, size/1, is_empty/1, to_list/1,
         from_list/1, from_list/2, is_element/2, add_element/2,
         del_element/2, union/1, union/2, intersection/1, intersection/2,
         is_disjoint/2, subtract/2, is_subset/2, fold/3, filter/2]).

-define(SEG, 16).

-record(set, {size = 0, n = ?SEG, maxn = ?SEG, bso = ?SEG div 2,
              exp_size = ?SEG * 5, con_size = ?SEG * 3, empty, segs}).

new() ->
    Empty = erlang:make_tuple(?SEG, []),
    #set{empty = Empty, segs = {Empty}}.

new([{version, 2}]) -> #{};
new(Opts) ->
    case proplists:get_value(version, Opts, 1) of
        1 -> new();
        2 -> #{}
    end.

from_list(L) -> lists:foldl(fun(E, S) -> add_element(E, S) end, new(), L).

from_list(L, [{version, 2}]) -> maps:from_list([{E, []} || E <- L]);
from_list(L, Opts) ->
    case proplists:get_value(version, Opts, 1) of
        1 -> from_list(L);
        2 -> from_list(L, [{version, 2}])
    end.

is_set(S) when is_map(S) -> true;
is_set(#set{}) -> true;
is_set(_) -> false.

size(S) when is_map(S) -> map_size(S);
size(#set{size = Size}) -> Size.

is_empty(S) -> size(S) =:= 0.

to_list(S) when is_map(S) -> maps:keys(S);
to_list(#set{} = S) -> fold(fun(E, L) -> [E | L] end, [], S).

is_element(E, S) when is_map(S) -> maps:is_key(E, S);
is_element(E, #set{} = S) -> lists:member(E, bucket(S, slot(S, E))).

add_element(E, S) when is_map(S) -> maps:put(E, [], S);
add_element(E, #set{} = S0) ->
    Slot = slot(S0, E),
    Bkt = bucket(S0, Slot),
    case lists:member(E, Bkt) of
        true -> S0;
        false -> maybe_expand(set_bucket(S0, Slot, [E | Bkt]))
    end.

del_element(E, S) when is_map(S) -> maps:remove(E, S);
del_element(E, #set{} = S0) ->
    Slot = slot(S0, E),
    Bkt = bucket(S0, Slot),
    case lists:member(E, Bkt) of
        false -> S0;
        true -> maybe_contract(set_bucket(S0, Slot, lists:delete(E, Bkt)), 1)
    end.

union(S1, S2) when is_map(S1), is_map(S2) -> maps:merge(S1, S2);
union(S1, S2) ->
    case size(S1) < size(S2) of
        true -> fold(fun(E, S) -> add_element(E, S) end, S2, S1);
        false -> fold(fun(E, S) -> add_element(E, S) end, S1, S2)
    end.

union([S1, S2 | Ss]) -> union([union(S1, S2) | Ss]);
union([S]) -> S;
union([]) -> new().

intersection(S1, S2) when is_map(S1), is_map(S2) ->
    maps:filter(fun(E, _) -> maps:is_key(E, S2) end, S1);
intersection(S1, S2) ->
    case size(S1) < size(S2) of
        true -> filter(fun(E) -> is_element(E, S2) end, S1);
        false -> filter(fun(E) -> is_element(E, S1) end, S2)
    end.

intersection([S1, S2 | Ss]) -> intersection([intersection(S1, S2) | Ss]);
intersection([S]) -> S.

is_disjoint(S1, S2) ->
    {Small, Big} = case size(S1) < size(S2) of
                       true -> {S1, S2};
                       false -> {S2, S1}
                   end,
    fold(fun(_, false) -> false;
            (E, true) -> not is_element(E, Big)
         end, true, Small).

subtract(S1, S2) when is_map(S1), is_map(S2) ->
    maps:filter(fun(E, _) -> not maps:is_key(E, S2) end, S1);
subtract(S1, S2) -> filter(fun(E) -> not is_element(E, S2) end, S1).

is_subset(S1, S2) -> fold(fun(E, Sub) -> Sub andalso is_element(E, S2) end, true, S1).

%% Version 2 sets fold in OTP's map iterator order (not maps:keys/1 order).
fold(F, Acc, S) when is_function(F, 2), is_map(S) ->
    lists:foldl(fun({E, _}, A) -> F(E, A) end, Acc, krarup_maps:iteration_list(S));
fold(F, Acc, #set{segs = Segs}) when is_function(F, 2) ->
    fold_segs(F, Acc, Segs, tuple_size(Segs)).

%% Segments and buckets are visited from the last to the first.
fold_segs(F, Acc, Segs, I) when I >= 1 ->
    Seg = element(I, Segs),
    fold_segs(F, fold_seg(F, Acc, Seg, tuple_size(Seg)), Segs, I - 1);
fold_segs(_F, Acc, _, _) -> Acc.

fold_seg(F, Acc, Seg, I) when I >= 1 ->
    fold_seg(F, lists:foldl(F, Acc, element(I, Seg)), Seg, I - 1);
fold_seg(_F, Acc, _, _) -> Acc.

filter(F, S) when is_function(F, 1), is_map(S) -> maps:filter(fun(E, _) -> F(E) end, S);
filter(F, #set{segs = Segs} = S) when is_function(F, 1) ->
    {Kept, Removed} = lists:mapfoldl(fun(Seg, C0) -> filter_seg(F, Seg, C0) end,
                                     0, tuple_to_list(Segs)),
    maybe_contract(S#set{segs = list_to_tuple(Kept)}, Removed).

filter_seg(F, Seg, C0) ->
    {Bkts, C} = lists:mapfoldl(fun(Bkt, C1) -> filter_bucket(F, Bkt, [], C1) end,
                               C0, tuple_to_list(Seg)),
    {list_to_tuple(Bkts), C}.

%% Like OTP, the kept elements come out in reverse bucket order.
filter_bucket(F, [E | Bkt], Kept, C) ->
    case F(E) of
        true -> filter_bucket(F, Bkt, [E | Kept], C);
        false -> filter_bucket(F, Bkt, Kept, C + 1)
    end;
filter_bucket(_F, [], Kept, C) -> {Kept, C}.

%% ---------------------------------------------------------------------
%% Linear hashing (the same scheme as dict)

slot(#set{maxn = MaxN, n = N, bso = Bso}, E) ->
    H = krarup_phash:phash(E, MaxN),
    if
        H > N -> H - Bso;
        true -> H
    end.

bucket(#set{segs = Segs}, Slot) -> get_bucket(Segs, Slot).

get_bucket(Segs, Slot) ->
    element((Slot - 1) rem ?SEG + 1, element((Slot - 1) div ?SEG + 1, Segs)).

put_bucket(Segs, Slot, Bkt) ->
    SegI = (Slot - 1) div ?SEG + 1,
    BktI = (Slot - 1) rem ?SEG + 1,
    setelement(SegI, Segs, setelement(BktI, element(SegI, Segs), Bkt)).

set_bucket(#set{segs = Segs} = S, Slot, Bkt) -> S#set{segs = put_bucket(Segs, Slot, Bkt)}.

maybe_expand(#set{size = Size, exp_size = Exp} = T0) when Size + 1 > Exp ->
    T = maybe_expand_segs(T0),
    N = T#set.n + 1,
    Segs0 = T#set.segs,
    Slot1 = N - T#set.bso,
    {B1, B2} = rehash(get_bucket(Segs0, Slot1), Slot1, N, T#set.maxn),
    Segs = put_bucket(put_bucket(Segs0, Slot1, B1), N, B2),
    T#set{size = Size + 1, n = N, exp_size = N * 5, con_size = N * 3, segs = Segs};
maybe_expand(T) -> T#set{size = T#set.size + 1}.

maybe_expand_segs(#set{n = N, maxn = N, bso = Bso, segs = Segs, empty = E} = T) ->
    T#set{maxn = 2 * N, bso = 2 * Bso,
          segs = list_to_tuple(tuple_to_list(Segs) ++ lists:duplicate(tuple_size(Segs), E))};
maybe_expand_segs(T) -> T.

maybe_contract(#set{size = Size, con_size = Con, n = N} = T, Dc)
  when Size - Dc < Con, N > ?SEG ->
    Slot1 = N - T#set.bso,
    Segs0 = T#set.segs,
    B1 = get_bucket(Segs0, Slot1),
    B2 = get_bucket(Segs0, N),
    Segs = put_bucket(put_bucket(Segs0, Slot1, B1 ++ B2), N, []),
    N1 = N - 1,
    maybe_contract_segs(T#set{size = Size - Dc, n = N1, exp_size = N1 * 5,
                              con_size = N1 * 3, segs = Segs});
maybe_contract(T, Dc) -> T#set{size = T#set.size - Dc}.

maybe_contract_segs(#set{n = N, bso = N, maxn = MaxN, segs = Segs} = T) ->
    T#set{maxn = MaxN div 2, bso = N div 2,
          segs = list_to_tuple(lists:sublist(tuple_to_list(Segs), 1, tuple_size(Segs) div 2))};
maybe_contract_segs(T) -> T.

rehash([E | T], Slot1, Slot2, MaxN) ->
    {L1, L2} = rehash(T, Slot1, Slot2, MaxN),
    case krarup_phash:phash(E, MaxN) of
        Slot1 -> {[E | L1], L2};
        Slot2 -> {L1, [E | L2]}
    end;
rehash([], _, _, _) -> {[], []}.
