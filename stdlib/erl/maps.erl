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

fold(Fun, Init, Map) when is_function(Fun, 3), is_map(Map) ->
    fold_1(Fun, Init, krarup_maps:iteration_list(Map));
fold(Fun, Init, Map) ->
    erlang:error(error_type(Map), [Fun, Init, Map]).

fold_1(Fun, Acc, [{K, V} | Rest]) -> fold_1(Fun, Fun(K, V, Acc), Rest);
fold_1(_Fun, Acc, []) -> Acc.

map(Fun, Map) when is_function(Fun, 2), is_map(Map) ->
    maps:from_list([{K, Fun(K, V)} || {K, V} <- krarup_maps:iteration_list(Map)]);
map(Fun, Map) ->
    erlang:error(error_type(Map), [Fun, Map]).

filter(Pred, Map) when is_function(Pred, 2), is_map(Map) ->
    maps:from_list([{K, V} || {K, V} <- krarup_maps:iteration_list(Map), Pred(K, V)]);
filter(Pred, Map) ->
    erlang:error(error_type(Map), [Pred, Map]).

filtermap(Fun, Map) when is_function(Fun, 2), is_map(Map) ->
    maps:from_list(filtermap_1(Fun, krarup_maps:iteration_list(Map)));
filtermap(Fun, Map) ->
    erlang:error(error_type(Map), [Fun, Map]).

filtermap_1(Fun, [{K, V} | Rest]) ->
    case Fun(K, V) of
        true -> [{K, V} | filtermap_1(Fun, Rest)];
        {true, NewV} -> [{K, NewV} | filtermap_1(Fun, Rest)];
        false -> filtermap_1(Fun, Rest)
    end;
filtermap_1(_Fun, []) -> [].

foreach(Fun, Map) when is_function(Fun, 2), is_map(Map) ->
    lists:foreach(fun({K, V}) -> Fun(K, V) end,
                  krarup_maps:iteration_list(Map));
foreach(Fun, Map) ->
    erlang:error(error_type(Map), [Fun, Map]).

with(Keys, Map) when is_list(Keys), is_map(Map) ->
    maps:from_list([{K, V} || K <- Keys, {ok, V} <- [maps:find(K, Map)]]);
with(Keys, Map) ->
    erlang:error(error_type(Map), [Keys, Map]).

without(Keys, Map) when is_list(Keys), is_map(Map) ->
    lists:foldl(fun(K, M) -> maps:remove(K, M) end, Map, Keys);
without(Keys, Map) ->
    erlang:error(error_type(Map), [Keys, Map]).

%% An iterator is {kr_map_iter, [{K, V}]}; next/1 yields {K, V, Iter} | none.
iterator(Map) when is_map(Map) ->
    {kr_map_iter, krarup_maps:iteration_list(Map)};
iterator(Map) -> erlang:error({badmap, Map}, [Map]).

next({kr_map_iter, [{K, V} | Rest]}) -> {K, V, {kr_map_iter, Rest}};
next({kr_map_iter, []}) -> none;
next(Iter) -> erlang:error(badarg, [Iter]).

groups_from_list(KeyFun, List) when is_function(KeyFun, 1), is_list(List) ->
    groups(fun(X) -> {KeyFun(X), X} end, List);
groups_from_list(KeyFun, List) ->
    erlang:error(badarg, [KeyFun, List]).

groups_from_list(KeyFun, ValueFun, List)
  when is_function(KeyFun, 1), is_function(ValueFun, 1), is_list(List) ->
    groups(fun(X) -> {KeyFun(X), ValueFun(X)} end, List);
groups_from_list(KeyFun, ValueFun, List) ->
    erlang:error(badarg, [KeyFun, ValueFun, List]).

groups(Fun, List) ->
    Rev = lists:foldl(fun(X, Acc) ->
                              {K, V} = Fun(X),
                              case maps:find(K, Acc) of
                                  {ok, Vs} -> maps:put(K, [V | Vs], Acc);
                                  error -> maps:put(K, [V], Acc)
                              end
                      end, #{}, List),
    map(fun(_K, Vs) -> lists:reverse(Vs, []) end, Rev).

from_keys(Keys, Value) when is_list(Keys) ->
    maps:from_list([{K, Value} || K <- Keys]);
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
