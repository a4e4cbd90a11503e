%% array: functional, extendible arrays with OTP 25's API and results.
%% Difference from OTP: the elements are kept in a map from index to value
%% (OTP uses a tree of 10-tuples), so a printed array looks different;
%% results are the same except after shrinking with resize/2: like OTP,
%% elements past the new size are kept and come back if the array grows
%% again, but OTP drops some of them when its tree shrinks a level and this
%% version never does. `max` is 0 for a fixed-size array.
-module(array).

-export([new/0, new/1, new/2, is_array/1, size/1, default/1, fix/1, is_fix/1,
         relax/1, resize/1, resize/2, set/3, get/2, reset/2, to_list/1,
         sparse_to_list/1, from_list/1, from_list/2, to_orddict/1,
         sparse_to_orddict/1, from_orddict/1, from_orddict/2, map/2,
         sparse_map/2, foldl/3, foldr/3, sparse_foldl/3, sparse_foldr/3,
         sparse_size/1]).

-record(array, {size, max, default, elements}).

new() -> new([]).

new(Options) -> new_0(Options, 0, false).

new(Size, Options) when is_integer(Size), Size >= 0 -> new_0(Options, Size, true);
new(_, _) -> erlang:error(badarg).

new_0(Options, Size, Fixed) when is_list(Options) -> new_1(Options, Size, Fixed, undefined);
new_0(Option, Size, Fixed) -> new_1([Option], Size, Fixed, undefined).

new_1([fixed | Os], Size, _, D) -> new_1(Os, Size, true, D);
new_1([{fixed, F} | Os], Size, _, D) when is_boolean(F) -> new_1(Os, Size, F, D);
new_1([{default, D} | Os], Size, Fixed, _) -> new_1(Os, Size, Fixed, D);
new_1([{size, Size} | Os], _, _, D) when is_integer(Size), Size >= 0 -> new_1(Os, Size, true, D);
new_1([Size | Os], _, _, D) when is_integer(Size), Size >= 0 -> new_1(Os, Size, true, D);
new_1([], Size, Fixed, D) -> make(Size, Fixed, D);
new_1(_, _, _, _) -> erlang:error(badarg).

make(Size, Fixed, D) ->
    Max = case Fixed of
              true -> 0;
              false -> find_max(Size - 1, 10)
          end,
    #array{size = Size, max = Max, default = D, elements = #{}}.

find_max(I, M) when I >= M -> find_max(I, M * 10);
find_max(_I, M) -> M.

is_array(#array{size = Size, max = Max}) when is_integer(Size), is_integer(Max) -> true;
is_array(_) -> false.

size(#array{size = N}) -> N;
size(_) -> erlang:error(badarg).

default(#array{default = D}) -> D;
default(_) -> erlang:error(badarg).

fix(#array{} = A) -> A#array{max = 0}.

is_fix(#array{max = 0}) -> true;
is_fix(#array{}) -> false.

relax(#array{size = N} = A) -> A#array{max = find_max(N - 1, 10)}.

resize(Size, #array{size = N, max = M, elements = E} = A) when is_integer(Size), Size >= 0 ->
    if
        Size > N ->
            A#array{size = Size,
                    max = case M > 0 of
                              true -> find_max(Size - 1, M);
                              false -> M
                          end};
        true -> A#array{size = Size, elements = E}
    end;
resize(_Size, _) -> erlang:error(badarg).

resize(Array) -> resize(sparse_size(Array), Array).

set(I, Value, #array{size = N, max = M, elements = E} = A) when is_integer(I), I >= 0 ->
    if
        I < N -> A#array{elements = maps:put(I, Value, E)};
        M > 0 -> A#array{size = I + 1, max = find_max(I, M), elements = maps:put(I, Value, E)};
        true -> erlang:error(badarg)
    end;
set(_I, _V, _A) -> erlang:error(badarg).

get(I, #array{size = N, max = M, default = D, elements = E}) when is_integer(I), I >= 0 ->
    if
        I < N ->
            case maps:find(I, E) of
                {ok, V} -> V;
                error -> D
            end;
        M > 0 -> D;
        true -> erlang:error(badarg)
    end;
get(_I, _A) -> erlang:error(badarg).

reset(I, #array{size = N, max = M, elements = E} = A) when is_integer(I), I >= 0 ->
    if
        I < N -> A#array{elements = maps:remove(I, E)};
        M > 0 -> A;
        true -> erlang:error(badarg)
    end;
reset(_I, _A) -> erlang:error(badarg).

to_list(#array{size = N} = A) -> [get(I, A) || I <- lists:seq(0, N - 1)];
to_list(_) -> erlang:error(badarg).

sparse_to_list(#array{} = A) -> [V || {_, V} <- sparse_to_orddict(A)];
sparse_to_list(_) -> erlang:error(badarg).

to_orddict(#array{size = N} = A) -> [{I, get(I, A)} || I <- lists:seq(0, N - 1)];
to_orddict(_) -> erlang:error(badarg).

%% Entries equal to the default count as unset, as in OTP.
sparse_to_orddict(#array{size = N, default = D, elements = E}) ->
    [{I, V} || {I, V} <- lists:keysort(1, maps:to_list(E)), I < N, V =/= D];
sparse_to_orddict(_) -> erlang:error(badarg).

from_list(List) -> from_list(List, undefined).

from_list(List, Default) when is_list(List) ->
    {N, E} = index_list(List, 0, #{}),
    #array{size = N, max = find_max(N - 1, 10), default = Default, elements = E};
from_list(_, _) -> erlang:error(badarg).

index_list([X | Xs], I, E) -> index_list(Xs, I + 1, maps:put(I, X, E));
index_list([], I, E) -> {I, E};
index_list(_, _, _) -> erlang:error(badarg).

from_orddict(Orddict) -> from_orddict(Orddict, undefined).

from_orddict(Orddict, Default) when is_list(Orddict) ->
    {N, E} = index_orddict(Orddict, -1, #{}),
    #array{size = N, max = find_max(N - 1, 10), default = Default, elements = E};
from_orddict(_, _) -> erlang:error(badarg).

index_orddict([{I, V} | Rest], Last, E) when is_integer(I), I > Last ->
    index_orddict(Rest, I, maps:put(I, V, E));
index_orddict([], Last, E) -> {Last + 1, E};
index_orddict(_, _, _) -> erlang:error(badarg).

map(F, #array{size = N} = A) when is_function(F, 2) ->
    A#array{elements = maps:from_list([{I, F(I, get(I, A))} || I <- lists:seq(0, N - 1)])};
map(_, _) -> erlang:error(badarg).

sparse_map(F, #array{} = A) when is_function(F, 2) ->
    A#array{elements = maps:from_list([{I, F(I, V)} || {I, V} <- sparse_to_orddict(A)])};
sparse_map(_, _) -> erlang:error(badarg).

foldl(F, Acc, #array{} = A) when is_function(F, 3) ->
    lists:foldl(fun({I, V}, Ac) -> F(I, V, Ac) end, Acc, to_orddict(A));
foldl(_, _, _) -> erlang:error(badarg).

foldr(F, Acc, #array{} = A) when is_function(F, 3) ->
    lists:foldr(fun({I, V}, Ac) -> F(I, V, Ac) end, Acc, to_orddict(A));
foldr(_, _, _) -> erlang:error(badarg).

sparse_foldl(F, Acc, #array{} = A) when is_function(F, 3) ->
    lists:foldl(fun({I, V}, Ac) -> F(I, V, Ac) end, Acc, sparse_to_orddict(A));
sparse_foldl(_, _, _) -> erlang:error(badarg).

sparse_foldr(F, Acc, #array{} = A) when is_function(F, 3) ->
    lists:foldr(fun({I, V}, Ac) -> F(I, V, Ac) end, Acc, sparse_to_orddict(A));
sparse_foldr(_, _, _) -> erlang:error(badarg).

sparse_size(#array{} = A) ->
    case sparse_to_orddict(A) of
        [] -> 0;
        L -> element(1, lists:last(L)) + 1
    end;
sparse_size(_) -> erlang:error(badarg).
