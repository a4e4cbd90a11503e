-module(proc_sleep).
-export([main/0]).

%% timer:sleep/1 and receive-after as sleep: sleepers wake in order of their durations, a
%% sleeping process still accumulates messages, and sleep(0) returns ok.

drain() ->
    receive
        M -> [M | drain()]
    after 0 -> []
    end.

main() ->
    Self = self(),
    io:format("sleep 0: ~p~n", [timer:sleep(0)]),
    io:format("sleep 10: ~p~n", [timer:sleep(10)]),
    [spawn(fun() -> timer:sleep(D), Self ! {woke, D} end) || D <- [150, 50, 250, 0, 100]],
    io:format("wake order: ~p~n", [[receive {woke, D} -> D end || _ <- lists:seq(1, 5)]]),
    P = spawn(fun() -> timer:sleep(50), Self ! {queued, drain()} end),
    P ! a, P ! b,
    receive {queued, Q} -> io:format("messages kept during sleep: ~p~n", [Q]) end,
    T0 = erlang:monotonic_time(millisecond),
    timer:sleep(40),
    io:format("slept about 40 ms: ~p~n", [erlang:monotonic_time(millisecond) - T0 >= 35]),
    io:format("sleep infinity is a receive: ~p~n",
              [begin
                   S = spawn(fun() -> timer:sleep(infinity) end),
                   R = monitor(process, S),
                   exit(S, kill),
                   receive {'DOWN', R, process, S, W} -> W end
               end]),
    ok.
