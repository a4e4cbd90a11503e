-module(stress_kill_mid_receive).
-export([main/0]).

%% Stress: processes killed in the middle of receiving. 10,000 processes blocked in receive
%% (some with pending after-timeouts, some holding unmatched messages, one scanning a mailbox
%% of 50,000 messages that never match) are killed; all go down with killed, none of their
%% timeouts runs, and messages sent to them afterwards vanish. A receiver being fed a stream
%% is killed mid-stream while the sender keeps sending.

waiter(Parent, I) ->
    case I rem 3 of
        0 -> receive never -> ok end;
        1 -> receive never -> ok after 1500 -> Parent ! {timeout_ran, I} end;
        2 -> [self() ! {junk, J} || J <- lists:seq(1, 10)], receive never -> ok end
    end.

scanner(Parent) ->
    [self() ! {filler, J} || J <- lists:seq(1, 50000)],
    Parent ! filled,
    receive
        not_there -> ok
    after 10000 -> Parent ! scanner_timeout
    end.

consumer(Count) ->
    receive
        {item, _} -> consumer(Count + 1)
    end.

producer(Dest, N) ->
    Dest ! {item, N},
    case N rem 1000 of
        0 -> erlang:yield();
        _ -> ok
    end,
    case N < 300000 of
        true -> producer(Dest, N + 1);
        false -> done
    end.

main() ->
    process_flag(trap_exit, false),
    Self = self(),
    Ws = [spawn(fun() -> waiter(Self, I) end) || I <- lists:seq(1, 10000)],
    Refs = [monitor(process, W) || W <- Ws],
    timer:sleep(50),
    [exit(W, kill) || W <- Ws],
    Reasons = lists:usort([receive {'DOWN', R, process, _, Why} -> Why end || R <- Refs]),
    io:format("waiters down: ~p ~p~n", [length(Refs), Reasons]),
    [W ! never || W <- Ws],
    io:format("alive after kill: ~p~n", [length([W || W <- Ws, is_process_alive(W)])]),
    S = spawn(fun() -> scanner(Self) end),
    SRef = monitor(process, S),
    receive filled -> ok end,
    S ! still_not_matching,
    exit(S, kill),
    receive {'DOWN', SRef, process, S, SWhy} -> io:format("scanner: ~p~n", [SWhy]) end,
    C = spawn(fun() -> consumer(0) end),
    CRef = monitor(process, C),
    P = spawn(fun() -> Self ! {producer, producer(C, 1)} end),
    timer:sleep(20),
    exit(C, kill),
    receive {'DOWN', CRef, process, C, CWhy} -> io:format("consumer: ~p~n", [CWhy]) end,
    receive {producer, PR} -> io:format("producer finished: ~p ~p~n", [PR, is_pid(P)]) end,
    receive
        {timeout_ran, _} -> io:format("a killed process ran its timeout!~n")
    after 1600 -> io:format("no killed timeout ran~n")
    end,
    io:format("mailbox empty: ~p~n", [receive M -> M after 0 -> empty end]),
    ok.
