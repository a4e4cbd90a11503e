%% dict: key-value dictionaries as linear hash tables, with OTP 25's
%% record layout (so dict:new() prints as in OTP) and the same growth and
%% shrink rules. Keys match with =:=.
%%
%% Buckets are chosen with krarup_phash:phash/2 (OTP's legacy
%% erlang:phash/2), so dicts are identical to OTP's, element order included.
-module(dict).

-export([new/0, is_key/2, to_list/1, from_list/1, size/1, is_empty/1,
         fetch/2, find/2, fetch_keys/1, erase/2, take/2, store/3, append/3,
         append_list/3, update/3, update/4, update_counter/3, fold/3, map/2,
         filter/2, merge/3]).

-define(SEG, 16).

-record(dict, {size = 0, n = ?SEG, maxn = ?SEG, bso = ?SEG div 2,
               exp_size = ?SEG * 5, con_size = ?SEG * 3, empty, segs}).

%% 1..Range
slot_hash(Key, Range) -> krarup_phash:phash(Key, Range).

new() ->
    Empty = erlang:make_tuple(?SEG, []),
    #dict{empty = Empty, segs = {Empty}}.

is_key(Key, D) -> lists:keymember(Key, 1, pairs(bucket(D, slot(D, Key)))).

to_list(D) -> fold(fun(K, V, L) -> [{K, V} | L] end, [], D).

from_list(L) -> lists:foldl(fun({K, V}, D) -> store(K, V, D) end, new(), L).

size(#dict{size = N}) when is_integer(N), N >= 0 -> N.

is_empty(#dict{size = N}) -> N =:= 0.

fetch(Key, D) ->
    case find_val(Key, bucket(D, slot(D, Key))) of
        {ok, V} -> V;
        error -> erlang:error(badarg, [Key, D])
    end.

find(Key, D) -> find_val(Key, bucket(D, slot(D, Key))).

find_val(K, [[K1 | Val] | _]) when K =:= K1 -> {ok, Val};
find_val(K, [_ | Bkt]) -> find_val(K, Bkt);
find_val(_, []) -> error.

%% a bucket holds improper pairs [Key | Value]
pairs(Bkt) -> [{K, V} || [K | V] <- Bkt].

fetch_keys(D) -> fold(fun(K, _V, Ks) -> [K | Ks] end, [], D).

erase(Key, D0) ->
    {D1, Dc} = on_bucket(fun(B0) -> erase_key(Key, B0) end, D0, slot(D0, Key)),
    maybe_contract(D1, Dc).

erase_key(Key, [[K | _] | Bkt]) when K =:= Key -> {Bkt, 1};
erase_key(Key, [E | Bkt0]) ->
    {Bkt1, Dc} = erase_key(Key, Bkt0),
    {[E | Bkt1], Dc};
erase_key(_, []) -> {[], 0}.

take(Key, D0) ->
    case on_bucket(fun(B0) -> take_key(Key, B0) end, D0, slot(D0, Key)) of
        {D1, {Value, Dc}} -> {Value, maybe_contract(D1, Dc)};
        {_, error} -> error
    end.

take_key(Key, [[K | Val] | Bkt]) when K =:= Key -> {Bkt, {Val, 1}};
take_key(Key, [E | Bkt0]) ->
    {Bkt1, Res} = take_key(Key, Bkt0),
    {[E | Bkt1], Res};
take_key(_, []) -> {[], error}.

%% change(Key, Found, Missing, D): Found(OldValue) gives the new value of
%% an existing key; Missing() the value of a new one.
change(Key, Found, Missing, D0) ->
    {D1, Ic} = on_bucket(fun(B0) -> change_bkt(Key, Found, Missing, B0) end,
                         D0, slot(D0, Key)),
    maybe_expand(D1, Ic).

change_bkt(Key, Found, _Missing, [[K | Old] | Bkt]) when K =:= Key ->
    {[[Key | Found(Old)] | Bkt], 0};
change_bkt(Key, Found, Missing, [Other | Bkt0]) ->
    {Bkt1, Ic} = change_bkt(Key, Found, Missing, Bkt0),
    {[Other | Bkt1], Ic};
change_bkt(Key, _Found, Missing, []) -> {[[Key | Missing()]], 1}.

store(Key, Val, D) -> change(Key, fun(_) -> Val end, fun() -> Val end, D).

append(Key, Val, D) -> change(Key, fun(Bag) -> Bag ++ [Val] end, fun() -> [Val] end, D).

append_list(Key, L, D) -> change(Key, fun(Bag) -> Bag ++ L end, fun() -> L end, D).

update(Key, F, D0) ->
    try on_bucket(fun(B0) -> update_bkt(Key, F, B0) end, D0, slot(D0, Key)) of
        {D1, _} -> D1
    catch
        throw:badarg -> erlang:error(badarg, [Key, F, D0])
    end.

update_bkt(Key, F, [[K | Val] | Bkt]) when K =:= Key -> {[[Key | F(Val)] | Bkt], ok};
update_bkt(Key, F, [Other | Bkt0]) ->
    {Bkt1, Res} = update_bkt(Key, F, Bkt0),
    {[Other | Bkt1], Res};
update_bkt(_Key, _F, []) -> throw(badarg).

update(Key, F, Init, D) when is_function(F, 1) -> change(Key, F, fun() -> Init end, D).

update_counter(Key, Incr, D) when is_number(Incr) ->
    change(Key, fun(V) -> V + Incr end, fun() -> Incr end, D).

fold(F, Acc, #dict{size = 0}) when is_function(F, 3) -> Acc;
fold(F, Acc, #dict{segs = Segs}) when is_function(F, 3) ->
    fold_segs(F, Acc, Segs, tuple_size(Segs)).

%% Segments and buckets are visited from the last to the first.
fold_segs(F, Acc, Segs, I) when I >= 1 ->
    Seg = element(I, Segs),
    fold_segs(F, fold_seg(F, Acc, Seg, tuple_size(Seg)), Segs, I - 1);
fold_segs(_F, Acc, _, 0) -> Acc.

fold_seg(F, Acc, Seg, I) when I >= 1 ->
    fold_seg(F, fold_bucket(F, Acc, element(I, Seg)), Seg, I - 1);
fold_seg(_F, Acc, _, 0) -> Acc.

fold_bucket(F, Acc, [[K | V] | Bkt]) -> fold_bucket(F, F(K, V, Acc), Bkt);
fold_bucket(_F, Acc, []) -> Acc.

map(F, #dict{size = 0} = D) when is_function(F, 2) -> D;
map(F, #dict{segs = Segs} = D) when is_function(F, 2) ->
    D#dict{segs = map_tuple(fun(Seg) ->
                                    map_tuple(fun(Bkt) ->
                                                      [[K | F(K, V)] || [K | V] <- Bkt]
                                              end, Seg)
                            end, Segs)}.

map_tuple(F, T) -> list_to_tuple([F(E) || E <- tuple_to_list(T)]).

filter(F, #dict{size = 0} = D) when is_function(F, 2) -> D;
filter(F, #dict{segs = Segs} = D) when is_function(F, 2) ->
    Kept = map_tuple(fun(Seg) ->
                             map_tuple(fun(Bkt) -> [E || [K | V] = E <- Bkt, F(K, V)] end, Seg)
                     end, Segs),
    Removed = D#dict.size - count_entries(Kept),
    maybe_contract(D#dict{segs = Kept}, Removed).

count_entries(Segs) ->
    lists:sum([length(Bkt) || Seg <- tuple_to_list(Segs), Bkt <- tuple_to_list(Seg)]).

merge(F, D1, D2) when D1#dict.size < D2#dict.size ->
    fold(fun(K, V1, D) -> update(K, fun(V2) -> F(K, V1, V2) end, V1, D) end, D2, D1);
merge(F, D1, D2) ->
    fold(fun(K, V2, D) -> update(K, fun(V1) -> F(K, V1, V2) end, V2, D) end, D1, D2).

%% ---------------------------------------------------------------------
%% Linear hashing: N active buckets out of MaxN addressable ones.

slot(#dict{maxn = MaxN, n = N, bso = Bso}, Key) ->
    H = slot_hash(Key, MaxN),
    if
        H > N -> H - Bso;
        true -> H
    end.

bucket(#dict{segs = Segs}, Slot) -> get_bucket(Segs, Slot).

get_bucket(Segs, Slot) ->
    element((Slot - 1) rem ?SEG + 1, element((Slot - 1) div ?SEG + 1, Segs)).

put_bucket(Segs, Slot, Bkt) ->
    SegI = (Slot - 1) div ?SEG + 1,
    BktI = (Slot - 1) rem ?SEG + 1,
    setelement(SegI, Segs, setelement(BktI, element(SegI, Segs), Bkt)).

on_bucket(F, #dict{segs = Segs} = D, Slot) ->
    {B1, Res} = F(get_bucket(Segs, Slot)),
    {D#dict{segs = put_bucket(Segs, Slot, B1)}, Res}.

maybe_expand(#dict{size = Size, exp_size = Exp} = T0, Ic) when Size + Ic > Exp ->
    T = maybe_expand_segs(T0),
    N = T#dict.n + 1,
    Segs0 = T#dict.segs,
    Slot1 = N - T#dict.bso,
    [B1 | B2] = rehash(get_bucket(Segs0, Slot1), Slot1, N, T#dict.maxn),
    Segs = put_bucket(put_bucket(Segs0, Slot1, B1), N, B2),
    T#dict{size = Size + Ic, n = N, exp_size = N * 5, con_size = N * 3, segs = Segs};
maybe_expand(T, Ic) ->
    T#dict{size = T#dict.size + Ic}.

maybe_expand_segs(#dict{n = N, maxn = N, bso = Bso, segs = Segs, empty = E} = T) ->
    T#dict{maxn = 2 * N, bso = 2 * Bso,
           segs = list_to_tuple(tuple_to_list(Segs) ++ lists:duplicate(tuple_size(Segs), E))};
maybe_expand_segs(T) -> T.

maybe_contract(#dict{size = Size, con_size = Con, n = N} = T, Dc)
  when Size - Dc < Con, N > ?SEG ->
    Slot1 = N - T#dict.bso,
    Segs0 = T#dict.segs,
    B1 = get_bucket(Segs0, Slot1),
    B2 = get_bucket(Segs0, N),
    Segs = put_bucket(put_bucket(Segs0, Slot1, B1 ++ B2), N, []),
    N1 = N - 1,
    maybe_contract_segs(T#dict{size = Size - Dc, n = N1, exp_size = N1 * 5,
                               con_size = N1 * 3, segs = Segs});
maybe_contract(T, Dc) ->
    T#dict{size = T#dict.size - Dc}.

maybe_contract_segs(#dict{n = N, bso = N, maxn = MaxN, segs = Segs} = T) ->
    T#dict{maxn = MaxN div 2, bso = N div 2,
           segs = list_to_tuple(lists:sublist(tuple_to_list(Segs), 1,
                                              tuple_size(Segs) div 2))};
maybe_contract_segs(T) -> T.

%% Split a bucket between Slot1 and Slot2 -> [Bucket1 | Bucket2]
rehash([[Key | _] = KeyBag | T], Slot1, Slot2, MaxN) ->
    [L1 | L2] = rehash(T, Slot1, Slot2, MaxN),
    case slot_hash(Key, MaxN) of
        Slot1 -> [[KeyBag | L1] | L2];
        Slot2 -> [L1, KeyBag | L2]
    end;
rehash([], _Slot1, _Slot2, _MaxN) -> [[]].
