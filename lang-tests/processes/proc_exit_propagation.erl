-module(proc_exit_propagation).
-export([main/0]).

%% Exit signals along chains of links: a non-normal reason kills every non-trapping process in
%% the chain (each passes the same reason on), a normal exit kills nobody, and a trapping process
%% stops the spread.

%% Builds a chain of N processes, each linked to the previous one; the last reports to Parent.
chain(0, Parent, _Trap) ->
    Parent ! {tail, self()},
    receive {die, R} -> exit(R) end;
chain(N, Parent, Trap) ->
    process_flag(trap_exit, Trap(N)),
    Me = self(),
    Child = spawn_link(fun() -> chain(N - 1, Parent, Trap) end),
    Parent ! {member, N, Me},
    wait(Parent, N, Child).

wait(Parent, N, Child) ->
    receive
        {'EXIT', From, R} ->
            Parent ! {trapped, N, From =:= Child, R},
            wait(Parent, N, Child)
    end.

build(Len, Trap) ->
    Self = self(),
    Head = spawn(fun() -> chain(Len, Self, Trap) end),
    Members = [receive {member, N, P} -> {N, P} end || N <- lists:seq(Len, 1, -1)],
    receive {tail, Tail} -> ok end,
    {Head, Members, Tail}.

alive(Members) ->
    [N || {N, P} <- Members, is_process_alive(P)].

main() ->
    process_flag(trap_exit, false),
    {_, M1, T1} = build(10, fun(_) -> false end),
    Refs1 = [{N, monitor(process, P)} || {N, P} <- M1],
    T1 ! {die, chain_reaction},
    Downs = [receive {'DOWN', R, process, _, W} -> {N, W} end || {N, R} <- Refs1],
    io:format("non-normal: ~p~n", [Downs]),
    {_, M2, T2} = build(5, fun(_) -> false end),
    TR = monitor(process, T2),
    T2 ! {die, normal},
    receive {'DOWN', TR, process, T2, normal} -> ok end,
    timer:sleep(20),
    io:format("normal: alive ~p~n", [alive(M2)]),
    [exit(P, kill) || {_, P} <- M2],
    %% Process 3 traps: 1 and 2 die, 3 gets a message and it and those above survive.
    {_, M3, T3} = build(6, fun(N) -> N =:= 3 end),
    Refs3 = [{N, monitor(process, P)} || {N, P} <- M3, N < 3],
    T3 ! {die, stop_at_3},
    receive {trapped, 3, FromChild, W3} -> io:format("trapped at 3: ~p ~p~n", [FromChild, W3]) end,
    [receive {'DOWN', R, process, _, W} -> io:format("member ~p: ~p~n", [N, W]) end || {N, R} <- Refs3],
    io:format("alive: ~p~n", [alive(M3)]),
    [exit(P, kill) || {_, P} <- M3],
    %% Killing the head: killed spreads as killed.
    {H4, M4, _} = build(4, fun(_) -> false end),
    Refs4 = [{N, monitor(process, P)} || {N, P} <- M4],
    HR = monitor(process, H4),
    exit(H4, kill),
    receive {'DOWN', HR, process, H4, WH} -> io:format("head: ~p~n", [WH]) end,
    io:format("rest: ~p~n", [[receive {'DOWN', R, process, _, W} -> {N, W} end || {N, R} <- Refs4]]),
    ok.
