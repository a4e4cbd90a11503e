%% Comparison, equality, sorting and copying (send, spawn, GC) of terms a million levels deep:
%% nested lists, tuples, maps nested in keys and in values. Each walk keeps its work on the heap.
-module(deep_compare).
-export([main/0]).

-define(N, 1000000).

list(N) -> lists:foldl(fun(_, A) -> [A] end, [], lists:seq(1, N)).
tuple(N) -> lists:foldl(fun(_, A) -> {A} end, x, lists:seq(1, N)).
key_maps(N) -> lists:foldl(fun(_, A) -> #{A => 1} end, x, lists:seq(1, N)).
value_maps(N) -> lists:foldl(fun(_, A) -> #{a => A} end, x, lists:seq(1, N)).

show(Label, Value) -> io:format("~s: ~P~n", [Label, Value, 6]).

compare(Label, A, B) -> show(Label, {A == B, A =:= B, A < B, A >= B, A /= B}).

main() ->
    L = list(?N),
    KM = key_maps(?N),
    VM = value_maps(?N),
    compare("lists", L, list(?N)),
    compare("tuples", tuple(?N), tuple(?N)),
    compare("map keys", KM, key_maps(?N)),
    compare("map values", VM, value_maps(?N)),
    compare("lists differ", L, [L]),
    compare("map keys differ", KM, #{KM => 1}),
    compare("map values differ", VM, #{a => VM}),
    show("sort", length(lists:usort([KM, VM, key_maps(?N), L, [L]]))),
    %% Copying: a message, a spawned fun's environment, a collection.
    self() ! {msg, L, KM},
    receive {msg, L2, KM2} -> show("send", {L2 =:= L, KM2 =:= KM}) end,
    Parent = self(),
    spawn(fun() -> Parent ! {copied, L =:= list(?N), VM =:= value_maps(?N)} end),
    receive {copied, _, _} = Copied -> show("spawn", Copied) end,
    erlang:garbage_collect(),
    show("gc", {L =:= list(?N), KM =:= key_maps(?N)}),
    ok.
