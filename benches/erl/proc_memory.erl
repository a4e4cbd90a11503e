%% Benchmark (a figure, not a time): memory per idle process. Spawns 100,000 processes that each tell
%% main they have started and then block in `receive`, and compares erlang:memory(processes) before and
%% after. Main's own memory (process_info(self(), memory)) is subtracted from both readings, so the list
%% of 100,000 pids main holds does not count. Prints `bytes_per_process N`; N differs between VMs.
%% Self-checking: crashes with {wrong_result, ...} unless all 100,000 processes started, were alive at
%% the measurement, and all exited when told to.
-module(proc_memory).
-export([main/0]).

-define(N, 100000).

idle(Main) ->
    Main ! started,
    receive
        {stop, From} -> From ! stopped
    end.

%% Memory of all processes except this one, in bytes, after collecting this one's garbage.
others_memory() ->
    erlang:garbage_collect(),
    {memory, Own} = process_info(self(), memory),
    erlang:memory(processes) - Own.

wait(_Msg, 0) -> ok;
wait(Msg, Left) ->
    receive Msg -> wait(Msg, Left - 1) end.

main() ->
    Main = self(),
    Before = others_memory(),
    Pids = [spawn(fun() -> idle(Main) end) || _ <- lists:seq(1, ?N)],
    wait(started, ?N),
    After = others_memory(),
    Alive = length([P || P <- Pids, is_process_alive(P)]),
    [P ! {stop, Main} || P <- Pids],
    wait(stopped, ?N),
    Alive =:= ?N orelse error({wrong_result, Alive}),
    io:format("proc_memory ok ~p idle processes~n", [?N]),
    io:format("bytes_per_process ~p~n", [(After - Before) div ?N]).
