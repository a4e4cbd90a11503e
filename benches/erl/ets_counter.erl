%% Benchmark (issue 12): ets:update_counter/3 from 2 processes on one public set table, 10,000,000
%% increments each, spread over 1,000 counters. Self-checking: the counters must add up to every
%% increment. Prints `ets_counter_us N`, the microseconds from the start of both processes to the
%% end of the last, timed inside the program.
-module(ets_counter).
-export([main/0]).

-define(PER_PROC, 10000000).
-define(PROCS, 2).
-define(KEYS, 1000).

main() ->
    T = ets:new(counters, [set, public, {write_concurrency, true}]),
    ets:insert(T, [{K, 0} || K <- lists:seq(0, ?KEYS - 1)]),
    Self = self(),
    T0 = erlang:monotonic_time(microsecond),
    Pids = [spawn_link(fun() -> bump(T, ?PER_PROC, P), Self ! {done, self()} end)
            || P <- lists:seq(1, ?PROCS)],
    [receive {done, P} -> ok end || P <- Pids],
    T1 = erlang:monotonic_time(microsecond),
    Total = lists:sum([V || {_, V} <- ets:tab2list(T)]),
    Total =:= ?PER_PROC * ?PROCS orelse error({wrong_result, Total}),
    io:format("ets_counter ok ~p increments~n", [Total]),
    io:format("ets_counter_us ~p~n", [T1 - T0]).

bump(_T, 0, _P) -> ok;
bump(T, I, P) ->
    ets:update_counter(T, (I * P) rem ?KEYS, 1),
    bump(T, I - 1, P).
