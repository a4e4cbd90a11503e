%% Benchmark: spawn 1,000,000 processes; each sends one message ({done, I}) to the parent and exits.
%% The parent counts the messages and sums their payloads. It keeps at most 1,000 processes in flight
%% (it spawns the first 1,000, then one more for every message it receives), so the benchmark measures
%% spawn, first run, send and exit, not the growth of a million-message mailbox.
%% Self-checking: crashes with {wrong_result, ...} unless exactly 1,000,000 messages with the expected
%% sum arrived.
-module(proc_spawn).
-export([main/0]).

-define(N, 1000000).
-define(WINDOW, 1000).

start(I, Parent) ->
    spawn(fun() -> Parent ! {done, I} end).

%% Next: the number of the next process to spawn; Left: messages still to receive.
run(_Next, 0, _Parent, Count, Sum) -> {Count, Sum};
run(Next, Left, Parent, Count, Sum) ->
    receive
        {done, I} ->
            Next =< ?N andalso start(Next, Parent),
            run(Next + 1, Left - 1, Parent, Count + 1, Sum + I)
    end.

main() ->
    Parent = self(),
    [start(I, Parent) || I <- lists:seq(1, ?WINDOW)],
    {Count, Sum} = run(?WINDOW + 1, ?N, Parent, 0, 0),
    {Count, Sum} =:= {?N, ?N * (?N + 1) div 2} orelse error({wrong_result, Count, Sum}),
    io:format("proc_spawn ok ~p processes, sum ~p~n", [Count, Sum]).
