-module(stress_busy_timer).
-export([main/0]).

%% Stress: processes in endless pure-arithmetic loops must not block timers or other
%% processes. Main waits `receive after 50` with one busy loop running and kills it; then with
%% 4 busy loops on the machine, a timer still fires, a ping-pong partner still answers, and a
%% fresh process still gets to run; finally all loops are killed.

spin(N) -> spin((N * 7 + 3) rem 1000003).

main() ->
    process_flag(trap_exit, false),
    Self = self(),
    B = spawn(fun() -> Self ! spinning, spin(1) end),
    receive spinning -> ok end,
    receive after 50 -> io:format("woke while one loop spins~n") end,
    BRef = monitor(process, B),
    exit(B, kill),
    receive {'DOWN', BRef, process, B, Why} -> io:format("loop killed: ~p~n", [Why]) end,
    Bs = [spawn(fun() -> Self ! spinning, spin(I) end) || I <- lists:seq(1, 4)],
    [receive spinning -> ok end || _ <- Bs],
    erlang:send_after(30, Self, timer_fired),
    receive timer_fired -> io:format("send_after fired with 4 loops~n") end,
    T = erlang:start_timer(20, Self, tick),
    receive {timeout, T, tick} -> io:format("start_timer fired with 4 loops~n") end,
    Echo = spawn(fun Loop() -> receive {ping, From, N} -> From ! {pong, N}, Loop(); stop -> ok end end),
    Rounds = lists:foldl(fun(N, Acc) ->
                                 Echo ! {ping, Self, N},
                                 receive {pong, N} -> Acc + 1 end
                         end, 0, lists:seq(1, 200)),
    io:format("ping-pong rounds: ~p~n", [Rounds]),
    Echo ! stop,
    spawn(fun() -> Self ! {fresh, lists:sum(lists:seq(1, 1000))} end),
    receive {fresh, S} -> io:format("fresh process ran: ~p~n", [S]) end,
    Sleepers = [spawn(fun() -> timer:sleep(D), Self ! {slept, D} end) || D <- [220, 10, 110]],
    io:format("sleepers woke in order: ~w~n", [[receive {slept, D} -> D end || _ <- Sleepers]]),
    Refs = [monitor(process, P) || P <- Bs],
    [exit(P, kill) || P <- Bs],
    io:format("loops killed: ~p~n", [[receive {'DOWN', R, process, _, W} -> W end || R <- Refs]]),
    ok.
