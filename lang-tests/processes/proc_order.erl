-module(proc_order).
-export([main/0]).

%% Messages between one pair of processes arrive in the order sent; with several senders each
%% sender's own order is kept.

collect(0, Acc) -> Acc;
collect(N, Acc) ->
    receive
        {S, I} -> collect(N - 1, maps:update_with(S, fun(L) -> [I | L] end, [I], Acc))
    end.

main() ->
    Self = self(),
    P = spawn(fun() -> [Self ! {seq, I} || I <- lists:seq(1, 1000)] end),
    L = [receive {seq, I} -> I end || _ <- lists:seq(1, 1000)],
    io:format("pair in order: ~p ~p~n", [L =:= lists:seq(1, 1000), is_pid(P)]),
    [Self ! {own, I} || I <- lists:seq(1, 10)],
    Own = [receive {own, I} -> I end || _ <- lists:seq(1, 10)],
    io:format("to self: ~p~n", [Own]),
    Senders = [a, b, c, d, e],
    [spawn(fun() -> [Self ! {S, I} || I <- lists:seq(1, 2000)] end) || S <- Senders],
    Got = collect(10000, #{}),
    Ok = [{S, lists:reverse(maps:get(S, Got)) =:= lists:seq(1, 2000)} || S <- Senders],
    io:format("per sender: ~p~n", [Ok]),
    %% A relay forwards in order.
    Relay = spawn(fun R() -> receive {fwd, M} -> Self ! {relayed, M}, R(); stop -> ok end end),
    [Relay ! {fwd, I} || I <- lists:seq(1, 100)],
    Relay ! stop,
    Rel = [receive {relayed, I} -> I end || _ <- lists:seq(1, 100)],
    io:format("relay in order: ~p~n", [Rel =:= lists:seq(1, 100)]),
    %% Messages sent before an exit signal are received before the 'EXIT' message.
    process_flag(trap_exit, true),
    Q = spawn_link(fun() -> Self ! m1, Self ! m2, exit(bye) end),
    Seq = [receive M -> M end || _ <- [1, 2, 3]],
    io:format("before exit: ~p~n", [[case M of {'EXIT', Q, W} -> {exit, W}; _ -> M end || M <- Seq]]),
    %% Same for a monitor.
    {Q2, Ref} = spawn_monitor(fun() -> Self ! n1, exit(done) end),
    Seq2 = [receive M -> M end || _ <- [1, 2]],
    io:format("before down: ~p~n", [[case M of {'DOWN', Ref, process, Q2, W} -> {down, W}; _ -> M end || M <- Seq2]]),
    ok.
