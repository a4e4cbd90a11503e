%% supervisor: simple_one_for_one: start_child appends arguments, ids are undefined, restarts
%% reuse the arguments, the child API's simple_one_for_one errors, temporary and transient
%% dynamic children, and the shutdown of all children at once.
-module(sup_simple).
-export([main/0, init/1, start_worker/2, start_worker/3]).

init({Restart, Shutdown}) ->
    {ok, {#{strategy => simple_one_for_one, intensity => 10},
          [#{id => ignored_id, restart => Restart, shutdown => Shutdown,
             start => {?MODULE, start_worker, [base]}}]}}.

start_worker(base, Name) ->
    start_worker(base, Name, prompt).

start_worker(base, error, _) -> {error, no_way};
start_worker(base, ignore, _) -> ignore;
start_worker(base, Name, How) ->
    io:format("  start ~p~n", [Name]),
    Self = self(),
    Pid = spawn_link(fun() ->
                             process_flag(trap_exit, true),
                             Self ! {ready, self()},
                             loop(Name, How)
                     end),
    receive {ready, Pid} -> ok end,
    {ok, Pid}.

loop(Name, How) ->
    receive
        {'EXIT', _, Reason} ->
            tester ! {stopped, Name, Reason},
            case How of
                prompt -> exit(Reason);
                stubborn -> loop(Name, How)
            end;
        {exit, R} ->
            exit(R);
        {name, From} ->
            From ! {name, Name},
            loop(Name, How)
    end.

main() ->
    register(tester, self()),
    process_flag(trap_exit, true),
    {ok, S} = supervisor:start_link(?MODULE, {permanent, 1000}),
    io:format("empty: ~p ~p~n", [supervisor:which_children(S), supervisor:count_children(S)]),
    {ok, P1} = supervisor:start_child(S, [one]),
    {ok, P2} = supervisor:start_child(S, [two]),
    {ok, _P3} = supervisor:start_child(S, [three, prompt]),
    io:format("error: ~p~n", [supervisor:start_child(S, [error])]),
    io:format("ignore: ~p~n", [supervisor:start_child(S, [ignore])]),
    io:format("bad arity: ~p~n", [element(1, supervisor:start_child(S, [a, b, c]))]),
    io:format("names: ~p~n", [names(S)]),
    io:format("which ids: ~p~n", [lists:usort([{Id, T, M} || {Id, _, T, M} <- supervisor:which_children(S)])]),
    io:format("count: ~p~n", [supervisor:count_children(S)]),
    io:format("get_childspec by pid: ~p~n", [supervisor:get_childspec(S, P1)]),
    io:format("get_childspec by id: ~p~n", [supervisor:get_childspec(S, ignored_id)]),
    io:format("terminate_child by id: ~p~n", [supervisor:terminate_child(S, ignored_id)]),
    io:format("restart_child: ~p~n", [supervisor:restart_child(S, P1)]),
    io:format("delete_child: ~p~n", [supervisor:delete_child(S, P1)]),
    io:format("terminate_child by pid: ~p~n", [supervisor:terminate_child(S, P1)]),
    receive {stopped, N1, R1} -> io:format("  stopped ~p (~p)~n", [N1, R1]) end,
    io:format("terminate_child again: ~p~n", [supervisor:terminate_child(S, P1)]),
    io:format("terminate_child of a stranger: ~p~n", [supervisor:terminate_child(S, self())]),
    io:format("names: ~p~n", [names(S)]),
    io:format("crash two:~n"),
    Ref = monitor(process, P2),
    P2 ! {exit, crash},
    receive {'DOWN', Ref, process, P2, _} -> ok end,
    receive after 50 -> ok end,
    io:format("names: ~p~n", [names(S)]),
    io:format("count: ~p~n", [supervisor:count_children(S)]),
    io:format("shutdown (all at once):~n"),
    exit(S, shutdown),
    receive {'EXIT', S, R} -> io:format("  supervisor exit: ~p~n", [R]) end,
    io:format("  stopped: ~p~n", [lists:sort(collect())]),
    io:format("temporary and transient children:~n"),
    {ok, T} = supervisor:start_link(?MODULE, {temporary, 1000}),
    {ok, T1} = supervisor:start_child(T, [t1]),
    {ok, _} = supervisor:start_child(T, [t2]),
    T1 ! {exit, crash},
    receive after 50 -> ok end,
    io:format("  temporary after crash: ~p~n", [names(T)]),
    exit(T, shutdown),
    receive {'EXIT', T, _} -> ok end,
    _ = collect(),
    {ok, U} = supervisor:start_link(?MODULE, {transient, 1000}),
    {ok, U1} = supervisor:start_child(U, [u1]),
    {ok, U2} = supervisor:start_child(U, [u2]),
    U1 ! {exit, normal},
    U2 ! {exit, crash},
    receive after 50 -> ok end,
    io:format("  transient after normal and crash: ~p~n", [names(U)]),
    exit(U, shutdown),
    receive {'EXIT', U, _} -> ok end,
    _ = collect(),
    io:format("stubborn children, shutdown 100:~n"),
    {ok, V} = supervisor:start_link(?MODULE, {permanent, 100}),
    [{ok, _} = supervisor:start_child(V, [N, stubborn]) || N <- [s1, s2, s3]],
    exit(V, shutdown),
    receive {'EXIT', V, RV} -> io:format("  supervisor exit: ~p~n", [RV]) end,
    io:format("  stopped: ~p~n", [lists:sort(collect())]),
    io:format("brutal_kill:~n"),
    {ok, W} = supervisor:start_link(?MODULE, {permanent, brutal_kill}),
    [{ok, _} = supervisor:start_child(W, [N]) || N <- [b1, b2]],
    exit(W, shutdown),
    receive {'EXIT', W, RW} -> io:format("  supervisor exit: ~p~n", [RW]) end,
    io:format("  stopped: ~p~n", [lists:sort(collect())]),
    ok.

names(S) ->
    lists:sort([begin
                    P ! {name, self()},
                    receive {name, N} -> N end
                end || {undefined, P, worker, _} <- supervisor:which_children(S), is_pid(P)]).

collect() ->
    receive {stopped, N, R} -> [{N, R} | collect()] after 200 -> [] end.
