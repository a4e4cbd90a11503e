-module(ets_stress).
-export([main/0]).

%% Stress (issue 12): 8 processes share one public set table and do a pseudo-random mix of
%% insert, lookup, delete and update_counter. Each process owns its own keys ({P, K}), so the
%% table's final contents must equal each process's sequential model of its own operations,
%% whatever the interleaving; the shared counters must equal the sum of every process's
%% increments. Every lookup is checked against the model as it happens. benches/ets_stress.sh runs
%% the same program with 10,000,000 operations on 2 schedulers.

-define(PROCS, 8).
-define(OPS_PER_PROC, 20000).
-define(KEYS, 200).
-define(COUNTERS, 10).

main() ->
    T = ets:new(stress, [set, public, {write_concurrency, true}, {read_concurrency, true}]),
    Self = self(),
    Pids = [spawn_link(fun() -> Self ! {done, self(), worker(T, P)} end)
            || P <- lists:seq(1, ?PROCS)],
    Results = [receive {done, Pid, R} -> R end || Pid <- Pids],
    check(T, Results),
    ok.

%% A 31-bit linear congruential generator, so erl and krarup draw the same numbers.
rand_next(S) -> (S * 1103515245 + 12345) band 16#7fffffff.

worker(T, P) ->
    loop(T, P, ?OPS_PER_PROC, P * 7919, #{}, #{}, 0).

loop(_T, P, 0, _Seed, Model, Tally, Lookups) ->
    {P, Model, Tally, Lookups};
loop(T, P, N, Seed0, Model, Tally, Lookups) ->
    Seed = rand_next(Seed0),
    K = (Seed bsr 8) rem ?KEYS,
    Key = {P, K},
    case Seed rem 4 of
        0 ->
            V = Seed rem 1000,
            true = ets:insert(T, {Key, V}),
            loop(T, P, N - 1, Seed, Model#{Key => V}, Tally, Lookups);
        1 ->
            Expected = case Model of
                           #{Key := V} -> [{Key, V}];
                           _ -> []
                       end,
            case ets:lookup(T, Key) of
                Expected -> ok;
                Other -> exit({lookup_mismatch, Key, Other, Expected})
            end,
            loop(T, P, N - 1, Seed, Model, Tally, Lookups + 1);
        2 ->
            true = ets:delete(T, Key),
            loop(T, P, N - 1, Seed, maps:remove(Key, Model), Tally, Lookups);
        3 ->
            C = {counter, K rem ?COUNTERS},
            Incr = (Seed bsr 4) rem 5 + 1,
            _ = ets:update_counter(T, C, Incr, {C, 0}),
            loop(T, P, N - 1, Seed, Model,
                 maps:update_with(C, fun(X) -> X + Incr end, Incr, Tally), Lookups)
    end.

check(T, Results) ->
    Objects = ets:tab2list(T),
    Private = lists:sort([O || {{P, _}, _} = O <- Objects, is_integer(P)]),
    ModelObjects = lists:sort(lists:append([maps:to_list(M) || {_, M, _, _} <- Results])),
    Private =:= ModelObjects orelse exit({contents_differ, length(Private), length(ModelObjects)}),
    Counters = lists:sort([O || {{counter, _}, _} = O <- Objects]),
    Sums = lists:foldl(fun({_, _, Tally, _}, Acc) ->
                               maps:fold(fun(C, I, A) -> maps:update_with(C, fun(X) -> X + I end, I, A) end,
                                         Acc, Tally)
                       end, #{}, Results),
    Counters =:= lists:sort(maps:to_list(Sums)) orelse exit({counters_differ, Counters, Sums}),
    Lookups = lists:sum([L || {_, _, _, L} <- Results]),
    io:format("ets_stress ok: ~p processes, ~p operations, ~p lookups checked~n",
              [?PROCS, ?PROCS * ?OPS_PER_PROC, Lookups]),
    io:format("objects ~p, counters ~p, counter total ~p~n",
              [length(Private), length(Counters), lists:sum([V || {_, V} <- Counters])]).
