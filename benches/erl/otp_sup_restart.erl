%% Benchmark: 20,000 restarts of one crashing child under a one_for_one supervisor. The child
%% tells the driver its pid when it starts; the driver makes it crash and waits for the next
%% start, so the restarts happen one after another. The logger's primary level is `none` on both
%% VMs, so the supervisor's reports are filtered (the cost of the level check stays in).
%% Self-checking: crashes with {wrong_result, ...} unless the driver saw 20,000 restarts and the
%% supervisor's child is the last one started.
%% Prints `sup_restarts_us N`: the microseconds the restarts took, timed inside the program (the
%% modules are already loaded), so start-up and code loading are not in the figure.
-module(otp_sup_restart).
-behaviour(supervisor).
-export([main/0]).
-export([init/1, start_child/1, child/1]).

-define(N, 20000).

init(Driver) ->
    {ok, {#{strategy => one_for_one, intensity => 1000000, period => 1},
          [#{id => crasher, start => {?MODULE, start_child, [Driver]}}]}}.

start_child(Driver) ->
    {ok, spawn_link(?MODULE, child, [Driver])}.

child(Driver) ->
    Driver ! {started, self()},
    receive crash -> exit(crash) end.

restart(0, Child, Count) -> {Child, Count};
restart(I, Child, Count) ->
    Child ! crash,
    receive
        {started, New} -> restart(I - 1, New, Count + 1)
    end.

main() ->
    ok = logger:set_primary_config(level, none),
    process_flag(trap_exit, true),
    {ok, Sup} = supervisor:start_link(?MODULE, self()),
    First = receive {started, P} -> P end,
    T0 = erlang:monotonic_time(microsecond),
    {Last, Restarts} = restart(?N, First, 0),
    T1 = erlang:monotonic_time(microsecond),
    Children = supervisor:which_children(Sup),
    Restarts =:= ?N andalso Children =:= [{crasher, Last, worker, [?MODULE]}]
        orelse error({wrong_result, Restarts, Children}),
    unlink(Sup),
    exit(Sup, shutdown),
    io:format("otp_sup_restart ok ~p restarts~n", [Restarts]),
    io:format("sup_restarts_us ~p~n", [T1 - T0]).
