-module(proc_isolation).
-export([main/0]).

%% A process dying (from exit/1, a kill, or a caught-and-rethrown exit) does not disturb
%% unrelated processes: their state, mailboxes and registered names survive.

counter(N) ->
    receive
        {inc, K} -> counter(N + K);
        {get, From} -> From ! {count, N}, counter(N);
        stop -> ok
    end.

main() ->
    process_flag(trap_exit, false),
    Self = self(),
    C = spawn(fun() -> counter(0) end),
    register(iso_counter, C),
    [C ! {inc, I} || I <- lists:seq(1, 10)],
    Crashers = [spawn(fun() -> receive go -> exit({crash, I}) end end) || I <- lists:seq(1, 20)],
    Refs = [monitor(process, P) || P <- Crashers],
    [P ! go || P <- Crashers],
    [C ! {inc, 100} || _ <- lists:seq(1, 5)],
    Reasons = [receive {'DOWN', R, process, _, W} -> W end || R <- Refs],
    io:format("crash reasons: ~p~n", [Reasons]),
    C ! {get, Self},
    receive {count, N} -> io:format("counter survived: ~p~n", [N]) end,
    io:format("name kept: ~p~n", [whereis(iso_counter) =:= C]),
    %% Killed processes holding messages for others.
    V = spawn(fun() -> receive after infinity -> ok end end),
    [V ! {junk, I} || I <- lists:seq(1, 100)],
    exit(V, kill),
    C ! {inc, 1},
    C ! {get, Self},
    receive {count, N2} -> io:format("after kill: ~p~n", [N2]) end,
    %% A process that catches its own exit keeps running.
    P = spawn(fun() ->
                      R = (catch exit(inner)),
                      Self ! {caught, R}
              end),
    receive {caught, R} -> io:format("caught own exit: ~p ~p~n", [R, is_pid(P)]) end,
    io:format("main still alive: ~p~n", [is_process_alive(Self)]),
    C ! stop,
    ok.
