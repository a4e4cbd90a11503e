%% krarup's supervisor restart backoff (docs/supervisor.md), run by repl/tests/supervisor_backoff.rs.
%% Not a conformance program: on erl the backoff keys are ignored and restarts are immediate.
%% Each line prints `true` when krarup behaves as documented; delays are checked within a margin.
-module(sup_backoff).
-export([main/0, init/1, start_worker/1, start_flaky/2]).

init({Flags, Specs}) ->
    {ok, {Flags, Specs}}.

%% Every start is stamped (ms) in the tester's mailbox.
start_worker(Id) ->
    tester ! {started, Id, erlang:monotonic_time(millisecond)},
    {ok, spawn_link(fun() -> receive {exit, R} -> exit(R) end end)}.

%% Fails (in the supervisor) until the Nth start.
start_flaky(Id, N) ->
    K = case get({tries, Id}) of undefined -> 1; T -> T + 1 end,
    put({tries, Id}, K),
    tester ! {attempt, Id, K, erlang:monotonic_time(millisecond)},
    case K =:= 1 orelse K >= N of
        true -> {ok, spawn_link(fun() -> receive {exit, R} -> exit(R) end end)};
        false -> {error, down}
    end.

main() ->
    register(tester, self()),
    process_flag(trap_exit, true),
    delays(),
    reset(),
    restarting_state(),
    intensity(),
    simple(),
    invalid(),
    ok.

%% Crashes right after each start: restart delays 0, 100, 200, 400, 400 (min 100, max 400).
delays() ->
    Spec = #{id => w, start => {?MODULE, start_worker, [w]},
             backoff => #{min => 100, max => 400}},
    {ok, S} = supervisor:start_link(?MODULE, {#{intensity => 100}, [Spec]}),
    T0 = started(w),
    Stamps = [begin crash(S, w), started(w) end || _ <- lists:seq(1, 5)],
    Gaps = gaps([T0 | Stamps]),
    io:format("delays ~p: ~p~n", [[0, 100, 200, 400, 400], near(Gaps, [0, 100, 200, 400, 400])]),
    stop(S).

%% A child that stayed up longer than `reset` is restarted at once again.
reset() ->
    Spec = #{id => w, start => {?MODULE, start_worker, [w]},
             backoff => #{min => 150, max => 150, reset => 300}},
    {ok, S} = supervisor:start_link(?MODULE, {#{intensity => 100}, [Spec]}),
    _ = started(w),
    crash(S, w), T1 = started(w),
    crash(S, w), T2 = started(w),
    receive after 400 -> ok end,
    T3 = crash_at(S, w), T4 = started(w),
    io:format("reset: second restart waited ~p, after 400 ms up at once ~p~n",
              [near([T2 - T1], [150]), near([T4 - T3], [0])]),
    stop(S).

%% While a restart waits the child shows as restarting; terminate_child cancels the restart.
restarting_state() ->
    Spec = #{id => w, start => {?MODULE, start_worker, [w]},
             backoff => #{min => 300, max => 300}},
    {ok, S} = supervisor:start_link(?MODULE, {#{intensity => 100}, [Spec]}),
    _ = started(w),
    crash(S, w), _ = started(w),
    crash(S, w),
    io:format("which_children while waiting: ~p~n",
              [[{Id, P} || {Id, P, _, _} <- supervisor:which_children(S)]]),
    io:format("count_children while waiting: ~w~n", [supervisor:count_children(S)]),
    io:format("restart_child while waiting: ~p~n", [supervisor:restart_child(S, w)]),
    io:format("delete_child while waiting: ~p~n", [supervisor:delete_child(S, w)]),
    io:format("terminate_child while waiting: ~p~n", [supervisor:terminate_child(S, w)]),
    receive {started, w, _} -> io:format("restarted after terminate_child: true~n")
    after 500 -> io:format("restarted after terminate_child: false~n")
    end,
    io:format("restart_child after that: ~p~n",
              [element(1, supervisor:restart_child(S, w))]),
    _ = started(w),
    stop(S).

%% Intensity 1 in 1 s: a child whose restarts fail twice takes the supervisor down at once
%% without backoff; with min = max = 2100 ms each attempt falls in its own window, and the
%% third attempt succeeds.
intensity() ->
    Flaky = fun(Id) -> #{id => Id, start => {?MODULE, start_flaky, [Id, 4]}} end,
    {ok, S1} = supervisor:start_link(?MODULE, {#{intensity => 1, period => 1}, [Flaky(plain)]}),
    crash(S1, plain),
    R1 = receive {'EXIT', S1, R} -> R after 3000 -> alive end,
    io:format("without backoff: supervisor exit ~p after ~p attempts~n", [R1, attempts(plain)]),
    {ok, S2} = supervisor:start_link(?MODULE, {#{intensity => 1, period => 1,
                                                 backoff => #{min => 2100, max => 2100}},
                                               [Flaky(slow)]}),
    crash(S2, slow),
    receive after 4600 -> ok end,
    N = attempts(slow),
    io:format("with backoff: alive ~p, attempts ~p, running ~p~n",
              [is_process_alive(S2), N,
               [is_pid(P) || {slow, P, _, _} <- supervisor:which_children(S2)]]),
    stop(S2).

%% simple_one_for_one: the dynamic child keeps its arguments and its delays.
simple() ->
    {ok, S} = supervisor:start_link(?MODULE, {#{strategy => simple_one_for_one, intensity => 100},
                                              [#{id => d, start => {?MODULE, start_worker, []},
                                                 backoff => #{min => 200, max => 200}}]}),
    {ok, P} = supervisor:start_child(S, [dyn]),
    T0 = started(dyn),
    P ! {exit, crash},
    T1 = started(dyn),
    [{undefined, P1, _, _}] = supervisor:which_children(S),
    P1 ! {exit, crash},
    receive after 50 -> ok end,
    Waiting = supervisor:which_children(S),
    Count = supervisor:count_children(S),
    T2 = started(dyn),
    io:format("simple: gaps ~p, waiting ~p, count ~w~n",
              [near(gaps([T0, T1, T2]), [0, 200]), [W || {_, W, _, _} <- Waiting], Count]),
    stop(S).

invalid() ->
    Bad = [#{min => -1}, #{max => x}, #{factor => 0}, #{min => 500, max => 100}, #{other => 1}, soon],
    [io:format("check ~w: ~w~n",
               [B, supervisor:check_childspecs([#{id => x, start => {m, f, []}, backoff => B}])])
     || B <- Bad],
    io:format("check none: ~p~n",
              [supervisor:check_childspecs([#{id => x, start => {m, f, []}, backoff => none}])]),
    {error, E} = supervisor:start_link(?MODULE, {#{backoff => #{min => x}}, []}),
    receive {'EXIT', _, _} -> ok after 100 -> ok end,
    io:format("flags: ~p~n", [E]).

crash(S, Id) ->
    {Id, P, _, _} = lists:keyfind(Id, 1, supervisor:which_children(S)),
    Ref = monitor(process, P),
    P ! {exit, crash},
    receive {'DOWN', Ref, process, P, _} -> ok end.

crash_at(S, Id) ->
    T = erlang:monotonic_time(millisecond),
    crash(S, Id),
    T.

started(Id) ->
    receive {started, Id, T} -> T after 5000 -> timeout end.

attempts(Id) ->
    receive {attempt, Id, _, _} -> 1 + attempts(Id) after 0 -> 0 end.

gaps([A, B | T]) -> [B - A | gaps([B | T])];
gaps(_) -> [].

%% Each measured gap is at least the expected delay and at most 90 ms more.
near(Gaps, Expected) ->
    length(Gaps) =:= length(Expected) andalso
        lists:all(fun({G, E}) -> is_integer(G) andalso G >= E andalso G < E + 90 end,
                  lists:zip(Gaps, Expected)).

stop(S) ->
    unlink(S),
    exit(S, shutdown),
    receive after 10 -> ok end,
    flush().

flush() ->
    receive {started, _, _} -> flush(); {attempt, _, _, _} -> flush() after 0 -> ok end.
