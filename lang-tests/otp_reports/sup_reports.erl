%% supervisor: the text of its reports on stderr, compared with erl's: SUPERVISOR REPORTs with
%% errorContext child_terminated, start_error, shutdown (reached_max_restart_intensity) and
%% shutdown_error (a single child, and {nb_children,N} for simple_one_for_one), PROGRESS REPORTs
%% at level info, a registered supervisor's {local,Name}, and an unexpected message.
-module(sup_reports).
-export([main/0, init/1, start_worker/1, start_failing/1]).

init(Arg) ->
    Arg.

start_worker(How) ->
    Self = self(),
    Pid = spawn_link(fun() -> process_flag(trap_exit, true), Self ! {ready, self()}, loop(How) end),
    receive {ready, Pid} -> ok end,
    {ok, Pid}.

%% Starts the first time only (the supervisor's dictionary counts).
start_failing(Id) ->
    case get(Id) of
        undefined -> put(Id, started), start_worker(prompt);
        _ -> {error, {cannot_start, Id}}
    end.

loop(How) ->
    receive
        {'EXIT', _, Reason} when How =:= prompt -> exit(Reason);
        {'EXIT', _, _} when How =:= refuse -> exit({refused, shutdown});
        {'EXIT', _, _} -> loop(How);
        {exit, Reason} -> exit(Reason)
    end.

w(Id, How) -> #{id => Id, start => {?MODULE, start_worker, [How]}}.

main() ->
    process_flag(trap_exit, true),
    %% child_terminated, then shutdown after reached_max_restart_intensity.
    {ok, S1} = supervisor:start_link(?MODULE, {ok, {#{intensity => 1},
                                                    [w(a, prompt), w(b, prompt)]}}),
    exit_child(S1, a, {bad, [1, 2, 3]}),
    exit_child(S1, a, normal),
    wait_exit(S1),
    %% start_error while restarting, then the intensity shutdown; a temporary child's args.
    {ok, S2} = supervisor:start_link({local, reports_sup}, ?MODULE,
                                     {ok, {#{intensity => 2},
                                           [#{id => f, start => {?MODULE, start_failing, [f]}}]}}),
    {ok, _} = supervisor:start_child(S2, (w(t, prompt))#{restart => temporary}),
    exit_child(S2, t, oops),
    exit_child(S2, f, crash),
    wait_exit(S2),
    %% start_error at start_link.
    {error, _} = supervisor:start_link(?MODULE, {ok, {#{}, [#{id => x, start => {?MODULE, start_failing, [x]}},
                                                            #{id => x2, start => {?MODULE, start_failing, [x]}}]}}),
    receive {'EXIT', _, _} -> ok after 100 -> ok end,
    %% shutdown_error: killed after the timeout, another reason, and for dynamic children.
    {ok, S3} = supervisor:start_link(?MODULE, {ok, {#{}, [(w(slow, stuck))#{shutdown => 50},
                                                          w(odd, refuse)]}}),
    S3 ! unexpected_hello,
    stop(S3),
    {ok, S4} = supervisor:start_link(?MODULE, {ok, {#{strategy => simple_one_for_one},
                                                    [#{id => d, shutdown => 50,
                                                       start => {?MODULE, start_worker, []}}]}}),
    [{ok, _} = supervisor:start_child(S4, [stuck]) || _ <- [1, 2]],
    {ok, _} = supervisor:start_child(S4, [refuse]),
    stop(S4),
    %% PROGRESS REPORTs at level info.
    logger:set_primary_config(level, info),
    {ok, S5} = supervisor:start_link({local, progress_sup}, ?MODULE,
                                     {ok, {#{}, [w(p1, prompt), (w(p2, prompt))#{type => supervisor}]}}),
    exit_child(S5, p1, boom),
    stop(S5),
    logger:set_primary_config(level, notice),
    io:format("done~n").

exit_child(S, Id, Reason) ->
    {Id, Pid, _, _} = lists:keyfind(Id, 1, supervisor:which_children(S)),
    Ref = monitor(process, Pid),
    Pid ! {exit, Reason},
    receive {'DOWN', Ref, process, Pid, _} -> ok end,
    receive after 50 -> ok end.

stop(S) ->
    exit(S, shutdown),
    wait_exit(S).

wait_exit(S) ->
    receive {'EXIT', S, R} -> io:format("supervisor exit: ~p~n", [R]) after 2000 -> io:format("alive~n") end.
