-module(proc_spawn_forms).
-export([main/0, worker/2, add/3]).

%% spawn/1,3, spawn_link/1,3, spawn_monitor/1,3 and self/0: return shapes and that the new
%% process runs the given function with the given arguments.

worker(Parent, Tag) ->
    Parent ! {Tag, self()}.

add(Parent, A, B) ->
    Parent ! {sum, A + B}.

main() ->
    process_flag(trap_exit, false),
    Self = self(),
    io:format("self is pid: ~p~n", [is_pid(Self)]),
    io:format("self stable: ~p~n", [Self =:= self()]),
    X = 10,
    P1 = spawn(fun() -> Self ! {one, self(), X * 2} end),
    receive {one, From1, V1} -> io:format("spawn/1: ~p ~p ~p~n", [is_pid(P1), From1 =:= P1, V1]) end,
    io:format("child is not self: ~p~n", [P1 =/= Self]),
    P3 = spawn(?MODULE, worker, [Self, three]),
    receive {three, From3} -> io:format("spawn/3: ~p~n", [From3 =:= P3]) end,
    P4 = spawn(proc_spawn_forms, add, [Self, 3, 4]),
    receive {sum, S} -> io:format("spawn/3 args: ~p ~p~n", [S, is_pid(P4)]) end,
    L1 = spawn_link(fun() -> Self ! {l1, self()}, receive stop -> ok end end),
    receive {l1, FromL1} -> io:format("spawn_link/1: ~p~n", [FromL1 =:= L1]) end,
    {links, Links} = process_info(L1, links),
    io:format("child linked to parent: ~p~n", [Links =:= [Self]]),
    L1 ! stop,
    L3 = spawn_link(?MODULE, worker, [Self, l3]),
    receive {l3, FromL3} -> io:format("spawn_link/3: ~p~n", [FromL3 =:= L3]) end,
    {M1, R1} = spawn_monitor(fun() -> exit(done1) end),
    io:format("spawn_monitor/1 shape: ~p ~p~n", [is_pid(M1), is_reference(R1)]),
    receive {'DOWN', R1, process, M1, Why1} -> io:format("spawn_monitor/1 down: ~p~n", [Why1]) end,
    {M3, R3} = spawn_monitor(?MODULE, worker, [Self, m3]),
    receive {m3, FromM3} -> io:format("spawn_monitor/3: ~p~n", [FromM3 =:= M3]) end,
    receive {'DOWN', R3, process, M3, Why3} -> io:format("spawn_monitor/3 down: ~p~n", [Why3]) end,
    Pids = [spawn(fun() -> Self ! {n, I} end) || I <- lists:seq(1, 20)],
    io:format("distinct pids: ~p~n", [length(lists:usort(Pids))]),
    Ns = lists:sort([receive {n, I} -> I end || _ <- Pids]),
    io:format("all ran: ~p~n", [Ns =:= lists:seq(1, 20)]),
    Inner = spawn(fun() ->
                          Mid = self(),
                          spawn(fun() -> Mid ! {from_grandchild, self() =/= Mid} end),
                          receive {from_grandchild, B} -> Self ! {grand, B} end
                  end),
    receive {grand, B} -> io:format("grandchild: ~p ~p~n", [B, is_pid(Inner)]) end,
    ok.
