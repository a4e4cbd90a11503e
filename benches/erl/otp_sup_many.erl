%% Benchmark: 100 fresh supervisors x 2,000 restarts. 100 driver processes run at once; each
%% starts its own one_for_one supervisor of one child, makes the child crash 2,000 times (waiting
%% for each restart, as the child tells its driver its pid when it starts), then stops the
%% supervisor. The logger's primary level is `none` on both VMs, so the supervisors' reports are
%% filtered (the cost of the level check stays in).
%% Self-checking: crashes with {wrong_result, ...} unless every driver saw 2,000 restarts and
%% every supervisor stopped.
%% Prints `sup_many_us N`: the microseconds from the first supervisor's start to the last one's
%% stop, timed inside the program (the modules are already loaded), so start-up and code loading
%% are not in the figure.
-module(otp_sup_many).
-behaviour(supervisor).
-export([main/0]).
-export([init/1, start_child/1, child/1, driver/1]).

-define(SUPS, 100).
-define(N, 2000).

init(Driver) ->
    {ok, {#{strategy => one_for_one, intensity => 1000000, period => 1},
          [#{id => crasher, start => {?MODULE, start_child, [Driver]}}]}}.

start_child(Driver) ->
    {ok, spawn_link(?MODULE, child, [Driver])}.

child(Driver) ->
    Driver ! {started, self()},
    receive crash -> exit(crash) end.

restart(0, _Child, Count) -> Count;
restart(I, Child, Count) ->
    Child ! crash,
    receive
        {started, New} -> restart(I - 1, New, Count + 1)
    end.

%% One supervisor's life: start, ?N restarts, stop; reports the count to Main.
driver(Main) ->
    process_flag(trap_exit, true),
    {ok, Sup} = supervisor:start_link(?MODULE, self()),
    First = receive {started, P} -> P end,
    Count = restart(?N, First, 0),
    Ref = monitor(process, Sup),
    unlink(Sup),
    exit(Sup, shutdown),
    receive {'DOWN', Ref, process, Sup, shutdown} -> ok end,
    Main ! {done, self(), Count}.

wait([], Total) -> Total;
wait([D | Ds], Total) ->
    receive {done, D, Count} -> wait(Ds, Total + Count) end.

main() ->
    ok = logger:set_primary_config(level, none),
    Main = self(),
    T0 = erlang:monotonic_time(microsecond),
    Drivers = [spawn_link(?MODULE, driver, [Main]) || _ <- lists:seq(1, ?SUPS)],
    Total = wait(Drivers, 0),
    T1 = erlang:monotonic_time(microsecond),
    Total =:= ?SUPS * ?N orelse error({wrong_result, Total}),
    io:format("otp_sup_many ok ~p supervisors, ~p restarts~n", [?SUPS, Total]),
    io:format("sup_many_us ~p~n", [T1 - T0]).
