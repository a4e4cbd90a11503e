%% Benchmark (issue 12): 1,000,000 inserts then 1,000,000 lookups on an `ordered_set` table, eight times (a
%% fresh table each round). Self-checking: every lookup must find its object. Prints
%% `ets_ordered_us Insert Lookup`, the microseconds of all insert and all lookup phases, timed inside
%% the program.
-module(ets_ordered).
-export([main/0]).

-define(N, 1000000).
-define(ROUNDS, 8).

main() -> run(ordered_set, "ets_ordered").

%% The same work as ets_set on an ordered_set.
run(Type, Name) ->
    {Ins, Look} = rounds(Type, ?ROUNDS, 0, 0),
    io:format("~s ok ~p objects x ~p rounds~n", [Name, ?N, ?ROUNDS]),
    io:format("~s_us ~p ~p~n", [Name, Ins, Look]).

rounds(_Type, 0, Ins, Look) -> {Ins, Look};
rounds(Type, R, Ins, Look) ->
    T = ets:new(bench, [Type, public]),
    T0 = erlang:monotonic_time(microsecond),
    insert(T, ?N),
    T1 = erlang:monotonic_time(microsecond),
    Sum = lookup(T, ?N, 0),
    T2 = erlang:monotonic_time(microsecond),
    Expected = ?N * (?N + 1) div 2,
    Sum =:= Expected orelse error({wrong_result, Sum}),
    ?N = ets:info(T, size),
    ets:delete(T),
    rounds(Type, R - 1, Ins + (T1 - T0), Look + (T2 - T1)).

%% Keys are scattered (a multiplicative hash of I) so ordered_set inserts are not in order.
key(I) -> (I * 2654435761) rem 4294967296.

insert(_T, 0) -> ok;
insert(T, I) ->
    ets:insert(T, {key(I), I}),
    insert(T, I - 1).

lookup(_T, 0, Acc) -> Acc;
lookup(T, I, Acc) ->
    [{_, V}] = ets:lookup(T, key(I)),
    lookup(T, I - 1, Acc + V).
