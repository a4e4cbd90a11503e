-module(stress_link_chain).
-export([main/0]).

%% Stress: 100,000 processes linked in one chain die together when one end exits with a reason;
%% every one of them is seen going down with that reason (monitors) and the trapping parent
%% linked to the head gets one 'EXIT'. Then 10 chains of 5,000 are killed from their heads.

%% Each member spawns (and links to) the next, tells the parent its pid, then waits forever.
member(0, Parent) ->
    Parent ! {member, self()},
    Parent ! {tail, self()},
    receive after infinity -> ok end;
member(N, Parent) ->
    spawn_link(fun() -> member(N - 1, Parent) end),
    Parent ! {member, self()},
    receive after infinity -> ok end.

%% Receives Len member pids and monitors each one.
monitor_all(0, Acc) -> Acc;
monitor_all(Len, Acc) ->
    receive {member, P} -> monitor_all(Len - 1, [monitor(process, P) | Acc]) end.

%% Takes one 'DOWN' per monitor in arrival order (matching each ref in turn would make the
%% receive quadratic) and counts the reasons.
count_downs([], Counts) -> Counts;
count_downs([_ | Refs], Counts) ->
    receive
        {'DOWN', _, process, _, Why} ->
            count_downs(Refs, maps:update_with(Why, fun(C) -> C + 1 end, 1, Counts))
    end.

main() ->
    process_flag(trap_exit, true),
    Self = self(),
    Len = 100000,
    Head = spawn_link(fun() -> member(Len - 1, Self) end),
    Refs = monitor_all(Len, []),
    Tail = receive {tail, T} -> T end,
    io:format("chain built: ~p members~n", [length(Refs)]),
    exit(Tail, chain_broken),
    Counts = count_downs(Refs, #{}),
    io:format("downs: ~p~n", [Counts]),
    receive {'EXIT', Head, Why} -> io:format("parent got EXIT from head: ~p~n", [Why]) end,
    io:format("head alive: ~p tail alive: ~p~n", [is_process_alive(Head), is_process_alive(Tail)]),
    process_flag(trap_exit, false),
    Heads = [spawn(fun() -> member(4999, Self) end) || _ <- lists:seq(1, 10)],
    Refs2 = monitor_all(50000, []),
    [receive {tail, _} -> ok end || _ <- Heads],
    [exit(H, kill) || H <- Heads],
    io:format("killed chains: ~p~n", [count_downs(Refs2, #{})]),
    io:format("mailbox empty: ~p~n", [receive M -> M after 0 -> empty end]),
    ok.
