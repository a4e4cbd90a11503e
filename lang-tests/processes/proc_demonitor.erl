-module(proc_demonitor).
-export([main/0]).

%% demonitor/1 and demonitor/2 with [flush] and [info]: return values before and after the
%% target died, whether the 'DOWN' message stays in the mailbox, and bad arguments.

t(F) ->
    try F() of
        V -> {ok, V}
    catch
        C:R -> {C, R}
    end.

down_queued(Ref) ->
    receive {'DOWN', Ref, process, _, _} -> yes after 0 -> no end.

dead_monitored() ->
    P = spawn(fun() -> ok end),
    Ref = monitor(process, P),
    %% Wait until the DOWN is in the mailbox without consuming it.
    wait_queue(1),
    Ref.

wait_queue(N) ->
    case process_info(self(), message_queue_len) of
        {message_queue_len, L} when L >= N -> ok;
        _ -> timer:sleep(1), wait_queue(N)
    end.

live() ->
    spawn(fun() -> receive after infinity -> ok end end).

main() ->
    L = live(),
    R1 = monitor(process, L),
    io:format("demonitor live: ~p~n", [demonitor(R1)]),
    io:format("demonitor twice: ~p~n", [demonitor(R1)]),
    exit(L, kill),
    io:format("no DOWN after demonitor: ~p~n", [receive {'DOWN', R1, _, _, _} -> got after 50 -> none end]),
    R2 = dead_monitored(),
    io:format("demonitor/1 after death: ~p~n", [demonitor(R2)]),
    io:format("DOWN still queued: ~p~n", [down_queued(R2)]),
    R3 = dead_monitored(),
    io:format("demonitor flush: ~p~n", [demonitor(R3, [flush])]),
    io:format("DOWN queued after flush: ~p~n", [down_queued(R3)]),
    L2 = live(),
    R4 = monitor(process, L2),
    io:format("info on live: ~p~n", [demonitor(R4, [info])]),
    io:format("info again: ~p~n", [demonitor(R4, [info])]),
    R5 = dead_monitored(),
    io:format("info after death: ~p~n", [demonitor(R5, [info])]),
    io:format("DOWN queued (info only): ~p~n", [down_queued(R5)]),
    R6 = dead_monitored(),
    io:format("flush+info after death: ~p~n", [demonitor(R6, [flush, info])]),
    io:format("DOWN queued: ~p~n", [down_queued(R6)]),
    R7 = monitor(process, L2),
    io:format("flush+info live: ~p~n", [demonitor(R7, [flush, info])]),
    io:format("empty options: ~p~n", [demonitor(monitor(process, L2), [])]),
    io:format("unknown ref: ~p~n", [demonitor(make_ref())]),
    io:format("unknown ref info: ~p~n", [demonitor(make_ref(), [info])]),
    io:format("bad option: ~p~n", [t(fun() -> demonitor(make_ref(), [bogus]) end)]),
    io:format("not a ref: ~p~n", [t(fun() -> demonitor(foo) end)]),
    io:format("not a list: ~p~n", [t(fun() -> demonitor(make_ref(), flush) end)]),
    %% Other messages are untouched by flush.
    L3 = live(),
    self() ! keep_me,
    R8 = monitor(process, L3),
    exit(L3, kill),
    wait_queue(2),
    demonitor(R8, [flush]),
    io:format("rest of mailbox: ~p~n", [receive M -> M after 0 -> empty end]),
    exit(L2, kill),
    ok.
