%% supervisor: permanent, transient and temporary children against each kind of exit reason
%% (normal, shutdown, {shutdown,_}, an error), and significant children with auto_shutdown.
-module(sup_restart_types).
-export([main/0, init/1, start_worker/1]).

init({Flags, Specs}) ->
    {ok, {Flags, Specs}}.

start_worker(Id) ->
    io:format("  start ~p~n", [Id]),
    Self = self(),
    Pid = spawn_link(fun() -> Self ! {ready, self()}, loop() end),
    receive {ready, Pid} -> ok end,
    {ok, Pid}.

loop() ->
    receive {exit, Reason} -> exit(Reason) end.

spec(Id, Restart) ->
    #{id => Id, restart => Restart, start => {?MODULE, start_worker, [Id]}}.

main() ->
    process_flag(trap_exit, true),
    Reasons = [normal, shutdown, {shutdown, why}, boom],
    [begin
         io:format("~p child, exit ~p:~n", [Restart, Reason]),
         {ok, S} = supervisor:start_link(?MODULE, {#{intensity => 5}, [spec(c, Restart)]}),
         exit_child(S, c, Reason),
         show(S),
         stop(S)
     end || Restart <- [permanent, transient, temporary], Reason <- Reasons],
    io:format("auto_shutdown any_significant:~n"),
    Sig = fun(Id) -> (spec(Id, transient))#{significant => true} end,
    {ok, A} = supervisor:start_link(?MODULE, {#{auto_shutdown => any_significant},
                                              [spec(w, permanent), Sig(s1), Sig(s2)]}),
    exit_child(A, s1, boom),
    show(A),
    exit_child(A, s1, normal),
    wait_exit(A),
    io:format("auto_shutdown all_significant:~n"),
    {ok, B} = supervisor:start_link(?MODULE, {#{auto_shutdown => all_significant},
                                              [spec(w, permanent), Sig(s1), Sig(s2)]}),
    exit_child(B, s1, normal),
    show(B),
    exit_child(B, s2, shutdown),
    wait_exit(B),
    io:format("auto_shutdown all_significant, terminate_child does not count:~n"),
    {ok, C} = supervisor:start_link(?MODULE, {#{auto_shutdown => all_significant},
                                              [spec(w, permanent), Sig(s1)]}),
    io:format("  terminate_child: ~p~n", [supervisor:terminate_child(C, s1)]),
    show(C),
    stop(C),
    io:format("significant temporary child, any_significant:~n"),
    {ok, D} = supervisor:start_link(?MODULE, {#{auto_shutdown => any_significant},
                                              [spec(w, permanent),
                                               (spec(t, temporary))#{significant => true}]}),
    exit_child(D, t, boom),
    wait_exit(D),
    ok.

exit_child(S, Id, Reason) ->
    {Id, Pid, _, _} = lists:keyfind(Id, 1, supervisor:which_children(S)),
    Ref = monitor(process, Pid),
    Pid ! {exit, Reason},
    receive {'DOWN', Ref, process, Pid, _} -> ok end,
    receive after 50 -> ok end.

show(S) ->
    io:format("  children: ~p~n",
              [[{Id, case P of undefined -> undefined; _ when is_pid(P) -> alive end}
                || {Id, P, _, _} <- supervisor:which_children(S)]]).

stop(S) ->
    exit(S, shutdown),
    receive {'EXIT', S, _} -> ok end.

wait_exit(S) ->
    receive
        {'EXIT', S, R} -> io:format("  supervisor exit: ~p~n", [R])
    after 1000 ->
            io:format("  supervisor alive~n"),
            show(S),
            stop(S)
    end.
