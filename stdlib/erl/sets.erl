%% sets: unordered sets, kept as a map from element to [] (like OTP's
%% version 2 sets). Differences from OTP 25: sets:new() is always this
%% map-backed form (OTP 25 defaults to a record-based v1), so a printed set
%% and the order of to_list/1 follow maps:to_list/1, and elements are
%% compared with =:= (1 and 1.0 are distinct, as in OTP's v2).
-module(sets).

-export([new/0, new/1, is_set/1, size/1, is_empty/1, to_list/1,
         from_list/1, from_list/2, is_element/2, add_element/2,
         del_element/2, union/1, union/2, intersection/1, intersection/2,
         is_disjoint/2, subtract/2, is_subset/2, fold/3, filter/2]).

new() -> #{}.

new(_Opts) -> #{}.

is_set(S) -> is_map(S).

size(S) when is_map(S) -> map_size(S).

is_empty(S) when is_map(S) -> map_size(S) =:= 0.

to_list(S) when is_map(S) -> maps:keys(S).

from_list(L) -> maps:from_list([{E, []} || E <- L]).

from_list(L, _Opts) -> from_list(L).

is_element(E, S) when is_map(S) -> maps:is_key(E, S).

add_element(E, S) when is_map(S) -> maps:put(E, [], S).

del_element(E, S) when is_map(S) -> maps:remove(E, S).

union(S1, S2) when is_map(S1), is_map(S2) -> maps:merge(S1, S2).

union(Sets) -> lists:foldl(fun(S, Acc) -> union(Acc, S) end, #{}, Sets).

intersection(S1, S2) when is_map(S1), is_map(S2) ->
    maps:filter(fun(E, _) -> maps:is_key(E, S2) end, S1).

intersection([S | Ss]) ->
    lists:foldl(fun(S1, Acc) -> intersection(Acc, S1) end, S, Ss).

is_disjoint(S1, S2) when is_map(S1), is_map(S2) ->
    not lists:any(fun(E) -> maps:is_key(E, S2) end, maps:keys(S1)).

subtract(S1, S2) when is_map(S1), is_map(S2) ->
    maps:filter(fun(E, _) -> not maps:is_key(E, S2) end, S1).

is_subset(S1, S2) when is_map(S1), is_map(S2) ->
    lists:all(fun(E) -> maps:is_key(E, S2) end, maps:keys(S1)).

fold(F, Acc, S) when is_function(F, 2), is_map(S) ->
    lists:foldl(F, Acc, maps:keys(S)).

filter(P, S) when is_function(P, 1), is_map(S) ->
    maps:filter(fun(E, _) -> P(E) end, S).
