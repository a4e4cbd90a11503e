%% supervisor: the one_for_one strategy. Children a, b, c (and a temporary t and a transient r); each
%% start and each shutdown is printed, so the order of restarts and stops shows.
-module(sup_one_for_one).
-export([main/0, init/1, start_worker/1]).

init(Strategy) ->
    {ok, {#{strategy => Strategy, intensity => 10, period => 10},
          [#{id => a, start => {?MODULE, start_worker, [a]}},
           #{id => b, start => {?MODULE, start_worker, [b]}},
           #{id => c, start => {?MODULE, start_worker, [c]}},
           #{id => t, start => {?MODULE, start_worker, [t]}, restart => temporary},
           #{id => r, start => {?MODULE, start_worker, [r]}, restart => transient}]}}.

start_worker(Id) ->
    io:format("  start ~p~n", [Id]),
    Self = self(),
    Pid = spawn_link(fun() -> process_flag(trap_exit, true), Self ! {ready, self()}, loop(Id) end),
    receive {ready, Pid} -> ok end,
    {ok, Pid}.

loop(Id) ->
    receive
        {'EXIT', _, Reason} ->
            io:format("  stop ~p (~p)~n", [Id, Reason]),
            exit(Reason);
        {exit, Reason} ->
            exit(Reason)
    end.

main() ->
    process_flag(trap_exit, true),
    io:format("start_link:~n"),
    {ok, S} = supervisor:start_link(?MODULE, one_for_one),
    show(S),
    step(S, "kill b", fun() -> exit(pid(S, b), kill) end),
    step(S, "b exits normal", fun() -> pid(S, b) ! {exit, normal} end),
    step(S, "kill a", fun() -> exit(pid(S, a), kill) end),
    step(S, "kill c", fun() -> exit(pid(S, c), kill) end),
    step(S, "transient r exits normal", fun() -> send(S, r, {exit, normal}) end),
    step(S, "restart_child r", fun() -> io:format("  ~p~n", [ok(supervisor:restart_child(S, r))]) end),
    step(S, "transient r exits {shutdown,x}", fun() -> send(S, r, {exit, {shutdown, x}}) end),
    step(S, "restart_child r", fun() -> io:format("  ~p~n", [ok(supervisor:restart_child(S, r))]) end),
    step(S, "transient r crashes", fun() -> send(S, r, {exit, oops}) end),
    step(S, "temporary t crashes", fun() -> send(S, t, {exit, oops}) end),
    step(S, "terminate_child b", fun() -> io:format("  ~p~n", [supervisor:terminate_child(S, b)]) end),
    step(S, "kill c while b is stopped", fun() -> exit(pid(S, c), kill) end),
    step(S, "restart_child b", fun() -> io:format("  ~p~n", [ok(supervisor:restart_child(S, b))]) end),
    io:format("shutdown:~n"),
    exit(S, shutdown),
    receive {'EXIT', S, R} -> io:format("supervisor exit: ~p~n", [R]) end.

ok({ok, P}) when is_pid(P) -> {ok, pid};
ok(Other) -> Other.

step(S, What, F) ->
    io:format("~s:~n", [What]),
    Before = supervisor:which_children(S),
    F(),
    wait(S, Before, 100),
    show(S).

%% Waits until the children's pids stop changing (the supervisor has done its restarts).
wait(S, Before, N) ->
    receive after 20 -> ok end,
    Now = supervisor:which_children(S),
    case Now =:= Before andalso N > 0 of
        true -> wait(S, Now, N - 1);
        false -> settle(S, Now)
    end.

settle(S, Prev) ->
    receive after 20 -> ok end,
    case supervisor:which_children(S) of
        Prev -> ok;
        Now -> settle(S, Now)
    end.

send(S, Id, Msg) ->
    case lists:keyfind(Id, 1, supervisor:which_children(S)) of
        {Id, P, _, _} when is_pid(P) -> P ! Msg;
        Other -> io:format("  ~p not running: ~p~n", [Id, Other])
    end.

pid(S, Id) ->
    {Id, P, _, _} = lists:keyfind(Id, 1, supervisor:which_children(S)),
    P.

show(S) ->
    io:format("  children: ~p~n",
              [[{Id, case P of undefined -> undefined; _ when is_pid(P) -> alive end}
                || {Id, P, _, _} <- supervisor:which_children(S)]]),
    io:format("  count: ~p~n", [supervisor:count_children(S)]).
