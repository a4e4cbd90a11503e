%% supervisor: restart intensity and period as OTP counts them (restarts stamped in whole
%% seconds; more than Intensity within Period shuts the supervisor down with reason shutdown,
%% children stopped in reverse start order), escalation to a parent, and a child whose restarts
%% fail (each retry counts).
-module(sup_intensity).
-export([main/0, init/1, start_worker/1, start_flaky/1]).

init({Flags, Specs}) ->
    {ok, {Flags, Specs}}.

start_worker(Id) ->
    Self = self(),
    Pid = spawn_link(fun() -> process_flag(trap_exit, true), Self ! {ready, self()}, loop(Id) end),
    receive {ready, Pid} -> ok end,
    {ok, Pid}.

%% Starts once; every later start (run in the supervisor) fails and is counted.
start_flaky(Id) ->
    N = case get({attempts, Id}) of undefined -> 1; M -> M + 1 end,
    put({attempts, Id}, N),
    io:format("  start attempt ~p of ~p~n", [N, Id]),
    case N of
        1 -> start_worker(Id);
        _ -> {error, down}
    end.

loop(Id) ->
    receive
        {'EXIT', _, Reason} ->
            io:format("  stop ~p (~p)~n", [Id, Reason]),
            exit(Reason);
        crash ->
            exit(crashed)
    end.

spec(Id) -> #{id => Id, start => {?MODULE, start_worker, [Id]}}.

main() ->
    process_flag(trap_exit, true),
    io:format("intensity 0:~n"),
    {ok, S0} = supervisor:start_link(?MODULE, {#{intensity => 0}, [spec(a), spec(b), spec(c)]}),
    crash(S0, b),
    wait_exit(S0),
    io:format("default intensity 1, period 5:~n"),
    {ok, S1} = supervisor:start_link(?MODULE, {#{}, [spec(a), spec(b)]}),
    crash(S1, a),
    io:format("  alive after 1: ~p~n", [alive(S1)]),
    crash(S1, a),
    wait_exit(S1),
    io:format("intensity 2:~n"),
    {ok, S2} = supervisor:start_link(?MODULE, {{one_for_one, 2, 5}, [spec(a), spec(b), spec(c)]}),
    crash(S2, c),
    io:format("  alive after 1: ~p~n", [alive(S2)]),
    crash(S2, a),
    io:format("  alive after 2: ~p~n", [alive(S2)]),
    crash(S2, b),
    wait_exit(S2),
    io:format("intensity 1, period 1, crashes 2.1 s apart:~n"),
    {ok, S3} = supervisor:start_link(?MODULE, {#{intensity => 1, period => 1}, [spec(a)]}),
    crash(S3, a),
    receive after 2100 -> ok end,
    crash(S3, a),
    io:format("  alive after 2: ~p~n", [alive(S3)]),
    crash(S3, a),
    io:format("  alive after 3: ~p~n", [alive(S3)]),
    wait_exit(S3),
    io:format("one_for_all intensity 1 (each restart of the group counts once):~n"),
    {ok, S4} = supervisor:start_link(?MODULE, {#{strategy => one_for_all}, [spec(a), spec(b)]}),
    crash(S4, a),
    io:format("  alive after 1: ~p~n", [alive(S4)]),
    crash(S4, b),
    wait_exit(S4),
    io:format("failing restarts, intensity 3:~n"),
    {ok, S5} = supervisor:start_link(?MODULE, {#{intensity => 3},
                                               [spec(a), #{id => f, start => {?MODULE, start_flaky, [f]}}]}),
    crash(S5, f),
    wait_exit(S5),
    io:format("escalation to a parent supervisor:~n"),
    Inner = #{id => inner, type => supervisor,
              start => {supervisor, start_link, [?MODULE, {#{intensity => 0}, [spec(x), spec(y)]}]}},
    {ok, P} = supervisor:start_link(?MODULE, {#{intensity => 1}, [spec(top), Inner]}),
    [{inner, I1, supervisor, [supervisor]}, _] = supervisor:which_children(P),
    crash(I1, y),
    settle(P),
    [{inner, I2, supervisor, [supervisor]}, _] = supervisor:which_children(P),
    io:format("  inner restarted: ~p, old one alive: ~p~n",
              [is_pid(I2) andalso I2 =/= I1, is_process_alive(I1)]),
    io:format("  inner children: ~p~n", [ids(I2)]),
    crash(I2, x),
    wait_exit(P),
    ok.

crash(S, Id) ->
    {Id, Pid, _, _} = lists:keyfind(Id, 1, supervisor:which_children(S)),
    io:format("  crash ~p~n", [Id]),
    Ref = monitor(process, Pid),
    Pid ! crash,
    receive {'DOWN', Ref, process, Pid, _} -> ok end,
    settle(S).

%% Lets the supervisor handle the 'EXIT' and do its restarts (or die).
settle(S) ->
    receive after 50 -> ok end,
    case is_process_alive(S) of
        true -> catch sys:get_state(S), ok;
        false -> ok
    end.

alive(S) -> is_process_alive(S).

ids(S) -> [Id || {Id, _, _, _} <- supervisor:which_children(S)].

wait_exit(S) ->
    receive
        {'EXIT', S, R} -> io:format("  supervisor exit: ~p~n", [R])
    after 5000 ->
            io:format("  supervisor still alive: ~p~n", [ids(S)]),
            unlink(S),
            exit(S, kill)
    end.
