%% Benchmark (figures, not a time): scheduling latency under load. Four processes spin in endless
%% arithmetic loops while a fifth wakes up every 1 ms (`receive after 1`) for 2 s and records how late
%% each wake-up was (erlang:monotonic_time(microsecond) after the wake-up minus before the wait, minus
%% 1,000 us). Prints `latency_us p50=.. p99=.. max=..` (these differ between VMs and runs), then kills
%% the busy loops.
%% Self-checking: crashes with {wrong_result, ...} if there were no wake-ups or if one came early.
-module(proc_latency).
-export([main/0]).

-define(BUSY, 4).
-define(DURATION_US, 2000000).
-define(PERIOD_MS, 1).

spin(X) -> spin((X * 1103515245 + 12345) band 16#7fffffff).

waker(Main) ->
    Start = erlang:monotonic_time(microsecond),
    Main ! {lateness, sample(Start, [])}.

sample(Start, Acc) ->
    Before = erlang:monotonic_time(microsecond),
    case Before - Start >= ?DURATION_US of
        true ->
            Acc;
        false ->
            receive after ?PERIOD_MS -> ok end,
            After = erlang:monotonic_time(microsecond),
            sample(Start, [After - Before - ?PERIOD_MS * 1000 | Acc])
    end.

%% The value at fraction Q (0 < Q =< 1) of a sorted list of Len elements (nearest rank).
percentile(Sorted, Len, Q) ->
    Rank = max(1, min(Len, ceil_div(trunc(Q * 1000) * Len, 1000))),
    lists:nth(Rank, Sorted).

ceil_div(A, B) -> (A + B - 1) div B.

main() ->
    Main = self(),
    Busy = [spawn(fun() -> spin(I) end) || I <- lists:seq(1, ?BUSY)],
    spawn(fun() -> waker(Main) end),
    Samples = receive {lateness, S} -> S end,
    [exit(P, kill) || P <- Busy],
    Sorted = lists:sort(Samples),
    Len = length(Sorted),
    Len > 0 orelse error({wrong_result, no_wakeups}),
    hd(Sorted) >= 0 orelse error({wrong_result, early_wakeup, hd(Sorted)}),
    io:format("proc_latency ok~n"),
    io:format("latency_us p50=~p p99=~p max=~p~n",
              [percentile(Sorted, Len, 0.5), percentile(Sorted, Len, 0.99), lists:last(Sorted)]).
