%% maps: the Erlang half of OTP 25's maps module. Natives provided by the
%% VM (NOT defined here): get/2, find/2, put/3, remove/2, is_key/2, keys/1,
%% values/1, to_list/1, from_list/1, merge/2, update/3, take/2.
%% Iteration order (fold, map, filter, filtermap, foreach, iterator/next,
%% intersect_with, merge_with) is OTP 25's iterator order, given by the
%% native krarup_maps:iteration_list/1; for maps of more than 32 keys it
%% differs from maps:to_list/1 order.
-module(maps).

-export([get/3, update_with/3, update_with/4, fold/3, map/2, filter/2,
         filtermap/2, foreach/2, with/2, without/2, new/0, size/1,
         iterator/1, next/1, groups_from_list/2, groups_from_list/3,
         from_keys/2, intersect/2, intersect_with/3, merge_with/3]).

new() -> #{}.

size(Map) when is_map(Map) -> map_size(Map);
size(Val) -> erlang:error({badmap, Val}, [Val]).

get(Key, Map, Default) when is_map(Map) ->
    case maps:find(Key, Map) of
        {ok, Value} -> Value;
        error -> Default
    end;
get(Key, Map, Default) ->
    erlang:error({badmap, Map}, [Key, Map, Default]).

update_with(Key, Fun, Map) when is_function(Fun, 1), is_map(Map) ->
    case maps:find(Key, Map) of
        {ok, Value} -> maps:put(Key, Fun(Value), Map);
        error -> erlang:error({badkey, Key}, [Key, Fun, Map])
    end;
update_with(Key, Fun, Map) ->
    erlang:error(error_type(Map), [Key, Fun, Map]).

update_with(Key, Fun, Init, Map) when is_function(Fun, 1), is_map(Map) ->
    case maps:find(Key, Map) of
        {ok, Value} -> maps:put(Key, Fun(Value), Map);
        error -> maps:put(Key, Init, Map)
    end;
update_with(Key, Fun, Init, Map) ->
    erlang:error(error_type(Map), [Key, Fun, Init, Map]).

%% fold, map, filter, filtermap and foreach take a map or an iterator, as in
%% OTP 25: a bad fun is a badarg, a bad map or iterator {badmap, Arg}.
fold(Fun, Init, Map) when is_function(Fun, 3), is_map(Map) ->
    fold_list(Fun, Init, krarup_maps:iteration_list(Map));
fold(Fun, Init, MapOrIter) when is_function(Fun, 3) ->
    fold_1(Fun, Init, first(MapOrIter, [Fun, Init, MapOrIter]));
fold(Fun, Init, Map) ->
    erlang:error(badarg, [Fun, Init, Map]).

fold_1(Fun, Acc, {K, V, Iter}) -> fold_1(Fun, Fun(K, V, Acc), next(Iter));
fold_1(_Fun, Acc, none) -> Acc.

%% A whole map is walked from its iteration list (no iterator steps built).
fold_list(Fun, Acc, [{K, V} | Rest]) -> fold_list(Fun, Fun(K, V, Acc), Rest);
fold_list(_Fun, Acc, []) -> Acc.

map(Fun, MapOrIter) when is_function(Fun, 2) ->
    maps:from_list(map_1(Fun, first(MapOrIter, [Fun, MapOrIter])));
map(Fun, Map) ->
    erlang:error(badarg, [Fun, Map]).

map_1(Fun, {K, V, Iter}) -> [{K, Fun(K, V)} | map_1(Fun, next(Iter))];
map_1(_Fun, none) -> [].

filter(Pred, MapOrIter) when is_function(Pred, 2) ->
    maps:from_list(filter_1(Pred, first(MapOrIter, [Pred, MapOrIter])));
filter(Pred, Map) ->
    erlang:error(badarg, [Pred, Map]).

filter_1(Pred, {K, V, Iter}) ->
    case Pred(K, V) of
        true -> [{K, V} | filter_1(Pred, next(Iter))];
        false -> filter_1(Pred, next(Iter))
    end;
filter_1(_Pred, none) -> [].

filtermap(Fun, MapOrIter) when is_function(Fun, 2) ->
    maps:from_list(filtermap_1(Fun, first(MapOrIter, [Fun, MapOrIter])));
filtermap(Fun, Map) ->
    erlang:error(badarg, [Fun, Map]).

filtermap_1(Fun, {K, V, Iter}) ->
    case Fun(K, V) of
        true -> [{K, V} | filtermap_1(Fun, next(Iter))];
        {true, NewV} -> [{K, NewV} | filtermap_1(Fun, next(Iter))];
        false -> filtermap_1(Fun, next(Iter))
    end;
filtermap_1(_Fun, none) -> [].

foreach(Fun, MapOrIter) when is_function(Fun, 2) ->
    foreach_1(Fun, first(MapOrIter, [Fun, MapOrIter]));
foreach(Fun, Map) ->
    erlang:error(badarg, [Fun, Map]).

foreach_1(Fun, {K, V, Iter}) ->
    Fun(K, V),
    foreach_1(Fun, next(Iter));
foreach_1(_Fun, none) -> ok.

%% The first step of a map or an iterator; {badmap, MapOrIter} otherwise.
first(Map, _Args) when is_map(Map) -> next(iterator(Map));
first(Iter, Args) ->
    try next(Iter)
    catch error:_ -> erlang:error({badmap, Iter}, Args)
    end.

with(Keys, Map) when is_list(Keys), is_map(Map) ->
    maps:from_list(with_1(Keys, Map));
with(Keys, Map) ->
    erlang:error(error_type(Map), [Keys, Map]).

%% As OTP: an improper key list is a function_clause.
with_1([K | Ks], Map) ->
    case maps:find(K, Map) of
        {ok, V} -> [{K, V} | with_1(Ks, Map)];
        error -> with_1(Ks, Map)
    end;
with_1([], _Map) -> [].

without(Keys, Map) when is_list(Keys), is_map(Map) ->
    lists:foldl(fun(K, M) -> maps:remove(K, M) end, Map, Keys);
without(Keys, Map) ->
    erlang:error(error_type(Map), [Keys, Map]).

%% Iterators look like OTP 25's for maps of up to 32 keys: iterator/1 gives
%% [0 | Map] and next/1 gives {K, V, Rest} where Rest is the remaining
%% steps already taken apart ({K2, V2, ...} or none), in iteration order.
iterator(Map) when is_map(Map) -> [0 | Map];
iterator(Map) -> erlang:error({badmap, Map}, [Map]).

next({K, V, I}) -> {K, V, I};
next(none) -> none;
next([Path | Map] = Iter) when is_integer(Path), Path >= 0, is_map(Map) ->
    steps(lists:nthtail(Path, krarup_maps:iteration_list(Map)), Iter);
next(Iter) -> erlang:error(badarg, [Iter]).

steps([{K, V} | Rest], Iter) -> {K, V, steps(Rest, Iter)};
steps([], _Iter) -> none.

%% As OTP 25: the list is reversed first (an improper list is a badarg), so
%% the funs are applied from the last element to the first.
groups_from_list(KeyFun, List) when is_function(KeyFun, 1) ->
    groups(fun(X) -> {KeyFun(X), X} end, reversed(List, [KeyFun, List]));
groups_from_list(KeyFun, List) ->
    erlang:error(badarg, [KeyFun, List]).

groups_from_list(KeyFun, ValueFun, List)
  when is_function(KeyFun, 1), is_function(ValueFun, 1) ->
    groups(fun(X) -> {KeyFun(X), ValueFun(X)} end, reversed(List, [KeyFun, ValueFun, List]));
groups_from_list(KeyFun, ValueFun, List) ->
    erlang:error(badarg, [KeyFun, ValueFun, List]).

reversed(List, Args) ->
    try lists:reverse(List, [])
    catch error:_ -> erlang:error(badarg, Args)
    end.

groups(Fun, [X | Rest]) -> groups(Fun, Rest, #{}, X);
groups(_Fun, []) -> #{}.

groups(Fun, Rest, Acc, X) ->
    {K, V} = Fun(X),
    Acc1 = case maps:find(K, Acc) of
               {ok, Vs} -> maps:put(K, [V | Vs], Acc);
               error -> maps:put(K, [V], Acc)
           end,
    case Rest of
        [Y | T] -> groups(Fun, T, Acc1, Y);
        [] -> Acc1
    end.

from_keys(Keys, Value) when is_list(Keys) ->
    try lists:reverse(Keys, []) of
        _ -> maps:from_list([{K, Value} || K <- Keys])
    catch error:_ -> erlang:error(badarg, [Keys, Value])
    end;
from_keys(Keys, Value) ->
    erlang:error(badarg, [Keys, Value]).

intersect(Map1, Map2) when is_map(Map1), is_map(Map2) ->
    intersect_with(fun(_K, _V1, V2) -> V2 end, Map1, Map2);
intersect(Map1, Map2) ->
    erlang:error({badmap, bad_one(Map1, Map2)}, [Map1, Map2]).

%% As OTP 25: walks the smaller map (Map1 when sizes are equal) in
%% iterator order; Fun always gets (K, V1, V2).
intersect_with(Fun, Map1, Map2)
  when is_function(Fun, 3), is_map(Map1), is_map(Map2) ->
    case map_size(Map1) =< map_size(Map2) of
        true ->
            maps:from_list([{K, Fun(K, V1, V2)}
                            || {K, V1} <- krarup_maps:iteration_list(Map1),
                               {ok, V2} <- [maps:find(K, Map2)]]);
        false ->
            maps:from_list([{K, Fun(K, V1, V2)}
                            || {K, V2} <- krarup_maps:iteration_list(Map2),
                               {ok, V1} <- [maps:find(K, Map1)]])
    end;
intersect_with(Fun, Map1, Map2) when is_function(Fun, 3) ->
    erlang:error({badmap, bad_one(Map1, Map2)}, [Fun, Map1, Map2]);
intersect_with(Fun, Map1, Map2) ->
    erlang:error(badarg, [Fun, Map1, Map2]).

%% As OTP 25: walks the smaller map (Map1 when sizes are equal) in
%% iterator order, inserting into the larger; Fun always gets (K, V1, V2).
merge_with(Fun, Map1, Map2)
  when is_function(Fun, 3), is_map(Map1), is_map(Map2) ->
    case map_size(Map1) > map_size(Map2) of
        true ->
            lists:foldl(fun({K, V2}, Acc) ->
                                case maps:find(K, Acc) of
                                    {ok, V1} -> maps:put(K, Fun(K, V1, V2), Acc);
                                    error -> maps:put(K, V2, Acc)
                                end
                        end, Map1, krarup_maps:iteration_list(Map2));
        false ->
            lists:foldl(fun({K, V1}, Acc) ->
                                case maps:find(K, Acc) of
                                    {ok, V2} -> maps:put(K, Fun(K, V1, V2), Acc);
                                    error -> maps:put(K, V1, Acc)
                                end
                        end, Map2, krarup_maps:iteration_list(Map1))
    end;
merge_with(Fun, Map1, Map2) when is_function(Fun, 3) ->
    erlang:error({badmap, bad_one(Map1, Map2)}, [Fun, Map1, Map2]);
merge_with(Fun, Map1, Map2) ->
    erlang:error(badarg, [Fun, Map1, Map2]).

bad_one(Map1, _Map2) when not is_map(Map1) -> Map1;
bad_one(_Map1, Map2) -> Map2.

error_type(M) when is_map(M) -> badarg;
error_type(V) -> {badmap, V}.
