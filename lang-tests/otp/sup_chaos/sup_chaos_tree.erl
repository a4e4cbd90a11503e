%% Chaos test of supervision trees (used by sup_chaos and by benches/sup_chaos_full.erl): a
%% three-level tree (top -> Mids mid supervisors -> Leaves leaf supervisors each -> Workers
%% workers each), Kills random kills of workers and supervisors (a fixed-seed generator, so erl
%% and krarup kill the same things), a counter process that counts every start, and a check that
%% each kill gave exactly the restarts its subtree needs, that escalation follows the intensity
%% rule, and that the process count, registered names and memory are back to their baseline at
%% the end.
-module(sup_chaos_tree).
-export([run/5, init/1, start_sup/2, start_worker/1]).

-define(MEMORY_SLACK, 1048576).

%% Supervisor callbacks: the tree's shape is in the process dictionary of the caller of run/5,
%% passed down in the init arguments.
init({top, Shape}) ->
    {ok, {#{strategy => one_for_one, intensity => 1000000, period => 1},
          [sup_spec({mid, I}, Shape) || I <- lists:seq(1, maps:get(mids, Shape))]}};
init({{mid, I}, Shape}) ->
    {ok, {#{strategy => one_for_one, intensity => maps:get(mid_intensity, Shape), period => 3600},
          [sup_spec({leaf, I, J}, Shape) || J <- lists:seq(1, maps:get(leaves, Shape))]}};
init({{leaf, I, J}, Shape}) ->
    {ok, {#{strategy => leaf_strategy(I, J), intensity => maps:get(leaf_intensity, Shape), period => 3600},
          [#{id => {worker, I, J, K}, start => {?MODULE, start_worker, [{worker, I, J, K}]},
             shutdown => brutal_kill}
           || K <- lists:seq(1, maps:get(workers, Shape))]}}.

sup_spec(Id, Shape) ->
    #{id => Id, type => supervisor, start => {?MODULE, start_sup, [Id, Shape]}}.

start_sup(Id, Shape) ->
    chaos_counter ! {started, supervisor},
    supervisor:start_link(?MODULE, {Id, Shape}).

start_worker(Id) ->
    chaos_counter ! {started, worker},
    {ok, spawn_link(fun() -> worker(Id) end)}.

worker(Id) ->
    receive _ -> worker(Id) end.

%% Runs the test and prints its findings (no pids or timings, so erl and krarup print the same).
run(Mids, Leaves, Workers, Kills, Seed) ->
    process_flag(trap_exit, true),
    BaseProcs = erlang:system_info(process_count),
    BaseNames = lists:sort(registered()),
    BaseMem = settled_memory(),
    Counter = spawn_link(fun() -> counter(0, 0, []) end),
    register(chaos_counter, Counter),
    Shape = #{mids => Mids, leaves => Leaves, workers => Workers, mid_intensity => 1000000,
              leaf_intensity => 1000000},
    {ok, Top} = supervisor:start_link(?MODULE, {top, Shape}),
    Size = Mids * (1 + Leaves * (1 + Workers)),
    wait_starts(Size),
    io:format("tree: ~p supervisors, ~p workers~n", [1 + Mids + Mids * Leaves, Mids * Leaves * Workers]),
    io:format("processes in the tree: ~p~n",
              [erlang:system_info(process_count) - BaseProcs - 1 =:= Size + 1]),
    {Expected, Kinds} = kills(Top, Kills, Seed, Size, 0, #{}),
    io:format("kills: ~p (~p)~n", [Kills, lists:sort(maps:to_list(Kinds))]),
    Counted = count() - Size,
    io:format("restarts expected: ~p, counted: ~p, equal: ~p~n",
              [Expected, Counted, Expected =:= Counted]),
    io:format("tree intact: ~p~n", [shape_of(Top) =:= {Mids, Leaves, Workers}]),
    %% The children of a killed supervisor die of its exit signal a moment later.
    settle_procs(BaseProcs + 1 + Size + 1, 100),
    io:format("processes in the tree: ~p~n",
              [erlang:system_info(process_count) - BaseProcs - 1 =:= Size + 1]),
    escalation(),
    exit(Top, shutdown),
    receive {'EXIT', Top, R} -> io:format("top exit: ~p~n", [R]) end,
    unregister(chaos_counter),
    exit(Counter, kill),
    receive {'EXIT', Counter, _} -> ok end,
    settle_procs(BaseProcs, 100),
    io:format("process count back to baseline: ~p~n",
              [erlang:system_info(process_count) =:= BaseProcs]),
    io:format("registered names back to baseline: ~p~n", [lists:sort(registered()) =:= BaseNames]),
    Grown = settled_memory() - BaseMem,
    io:format("memory back to baseline (processes_used within ~p bytes): ~p~n",
              [?MEMORY_SLACK, Grown < ?MEMORY_SLACK]),
    ok.

%% erlang:memory(processes_used) once every mailbox is empty (erl's logger may still be writing
%% the reports of the last kills) and every process has been collected. What the runner's heap
%% and the VM's own processes (erl's logger and code server) keep varies a little between runs,
%% hence a fixed slack; it does not grow with the number of kills, so a leak of a few bytes per
%% restart exceeds it in the full run (benches/sup_chaos_full.erl: about 80,000 restarts).
settled_memory() ->
    drain_mailboxes(3000),
    _ = [garbage_collect(P) || P <- processes()],
    erlang:memory(processes_used).

drain_mailboxes(0) -> ok;
drain_mailboxes(N) ->
    Busy = [P || P <- processes(), P =/= self(),
                 process_info(P, message_queue_len) =/= {message_queue_len, 0}],
    case Busy of
        [] -> ok;
        _ -> receive after 10 -> drain_mailboxes(N - 1) end
    end.

%% Kills one random process of the tree at a time and waits for the restarts it needs: a worker
%% needs 1 start, a leaf supervisor 1 + Workers, a mid supervisor its whole subtree.
kills(_Top, 0, _Seed, _Base, Expected, Kinds) ->
    {Expected, Kinds};
kills(Top, N, Seed0, Base, Expected, Kinds) ->
    {R, Seed1} = rand_next(Seed0),
    {Kind, Pid, Need} = pick(Top, R),
    Before = count(),
    exit(Pid, kill),
    wait_starts(Before + Need),
    wait_alive(Top, Kind, Pid),
    kills(Top, N - 1, Seed1, Base, Expected + Need, maps:update_with(Kind, fun(C) -> C + 1 end, 1, Kinds)).

%% 1 in 50 kills hits a mid supervisor, 1 in 10 a leaf supervisor, the rest a worker; the number
%% of starts a worker's death causes depends on its leaf's strategy and its place in it.
pick(Top, R) ->
    Mids = children(Top),
    Mid = lists:nth(1 + (R div 7) rem length(Mids), Mids),
    Leaves = children(Mid),
    Leaf = lists:nth(1 + (R div 131) rem length(Leaves), Leaves),
    Workers = ids_and_pids(Leaf),
    {{worker, I, J, K}, Worker} = lists:nth(1 + (R div 2311) rem length(Workers), Workers),
    case R rem 50 of
        0 -> {mid, Mid, length(Leaves) * (1 + length(Workers)) + 1};
        N when N < 5 -> {leaf, Leaf, length(Workers) + 1};
        _ ->
            Need = case leaf_strategy(I, J) of
                       one_for_one -> 1;
                       rest_for_one -> length(Workers) - K + 1;
                       one_for_all -> length(Workers)
                   end,
            {worker, Worker, Need}
    end.

leaf_strategy(I, J) ->
    case (I + J) rem 3 of 0 -> one_for_one; 1 -> rest_for_one; 2 -> one_for_all end.

ids_and_pids(Sup) ->
    [{Id, P} || {Id, P, _, _} <- supervisor:which_children(Sup), is_pid(P)].

%% After the restarts, the killed pid must be gone from the tree (all its children running).
wait_alive(Top, Kind, Pid) ->
    case lists:member(Pid, all_pids(Top)) of
        false -> ok;
        true -> receive after 1 -> ok end, wait_alive(Top, Kind, Pid)
    end.

all_pids(Top) ->
    Mids = children(Top),
    Leaves = lists:append([children(M) || M <- Mids]),
    Mids ++ Leaves ++ lists:append([children(L) || L <- Leaves]).

children(Sup) ->
    [P || {_, P, _, _} <- supervisor:which_children(Sup), is_pid(P)].

shape_of(Top) ->
    Mids = children(Top),
    Leaves = [children(M) || M <- Mids],
    Workers = [length(children(L)) || Ls <- Leaves, L <- Ls],
    {length(Mids), lists:usort([length(L) || L <- Leaves]), lists:usort(Workers)} =:=
        {length(Mids), [length(hd(Leaves))], [hd(Workers)]}
        andalso {length(Mids), length(hd(Leaves)), hd(Workers)}.

%% A leaf with intensity 2 under a parent with intensity 1: three quick worker kills take the
%% leaf down (the parent restarts it once); doing it again takes the parent down too.
escalation() ->
    Shape = #{mids => 1, leaves => 1, workers => 3, mid_intensity => 1, leaf_intensity => 2},
    {ok, Mid} = start_sup({mid, 1}, Shape),
    Round = fun() ->
                    [Leaf] = children(Mid),
                    [begin
                         [W | _] = children(Leaf),
                         Before = count(),
                         exit(W, kill),
                         wait_starts_or_exit(Before + 1, Leaf)
                     end || _ <- [1, 2, 3]],
                    receive after 50 -> ok end,
                    Leaf
            end,
    Leaf1 = Round(),
    io:format("escalation: leaf alive after 3 kills: ~p, parent alive: ~p~n",
              [is_process_alive(Leaf1), is_process_alive(Mid)]),
    io:format("escalation: parent restarted the leaf: ~p~n", [length(children(Mid)) =:= 1]),
    _ = Round(),
    receive {'EXIT', Mid, R} -> io:format("escalation: parent exit: ~p~n", [R])
    after 2000 -> io:format("escalation: parent still alive~n")
    end.

wait_starts_or_exit(N, Sup) ->
    case count() >= N orelse not is_process_alive(Sup) of
        true -> ok;
        false -> receive after 1 -> ok end, wait_starts_or_exit(N, Sup)
    end.

%% The counter: counts {started, _} messages, answers {count, From}.
counter(N, _, Waiting) ->
    receive
        {started, _} ->
            counter(N + 1, 0, answer(N + 1, Waiting));
        {count, From} ->
            From ! {count, N},
            counter(N, 0, Waiting);
        {wait, From, Target} ->
            counter(N, 0, answer(N, [{From, Target} | Waiting]))
    end.

answer(N, Waiting) ->
    [case N >= T of true -> F ! {reached, T}, done; false -> W end
     || {F, T} = W <- Waiting] -- [done].

count() ->
    chaos_counter ! {count, self()},
    receive {count, N} -> N end.

wait_starts(Target) ->
    chaos_counter ! {wait, self(), Target},
    receive {reached, Target} -> ok
    after 10000 -> io:format("timeout waiting for ~p starts (have ~p)~n", [Target, count()])
    end.

settle_procs(_Base, 0) -> ok;
settle_procs(Base, N) ->
    case erlang:system_info(process_count) =:= Base of
        true -> ok;
        false -> receive after 10 -> ok end, settle_procs(Base, N - 1)
    end.

%% A 31-bit linear congruential generator (same numbers on every VM).
rand_next(S) ->
    S1 = (S * 1103515245 + 12345) rem 2147483648,
    {S1 div 65536, S1}.
