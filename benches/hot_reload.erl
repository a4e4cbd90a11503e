%% Hot-loading figures (issue 10), run unchanged on krarup and erl by benches/hot_reload.sh:
%% the time to load and to purge a 1,000-function module, and a ring benchmark's throughput
%% (hops per second) alone and during a reload storm (a process reloading the module every ring
%% member calls at each hop, as fast as soft purges allow). Self-checking: the ring's token count
%% and the loaded module's answers are verified. Prints `figure NAME VALUE` lines.
-module(hot_reload).
-export([main/0]).

-define(RING, 1000).
-define(HOPS, 300000).
-define(LOADS, 20).

main() ->
    Dir = "/tmp/krarup_hot_bench_" ++ os:getpid(),
    ok = file:make_dir(Dir),
    Big = [compile_big(Dir, N) || N <- [1, 2]],
    {LoadUs, PurgeUs} = load_and_purge(Big, 0, 0, ?LOADS),
    figure(load_1000_functions_us, LoadUs div ?LOADS),
    figure(purge_1000_functions_us, PurgeUs div ?LOADS),
    Steps = [compile_step(Dir, N) || N <- [1, 2]],
    {module, hot_rm} = code:load_binary(hot_rm, "hot_rm.erl", hd(Steps)),
    Alone = ring(),
    Storm = spawn(fun() -> storm(Steps, 0) end),
    During = ring(),
    Storm ! {stop, self()},
    Reloads = receive {reloads, R} -> R end,
    figure(ring_hops_per_s_alone, Alone),
    figure(ring_hops_per_s_storm, During),
    figure(storm_reloads, Reloads),
    figure(storm_throughput_percent, During * 100 div Alone),
    [ok = file:delete(Dir ++ "/" ++ F) || F <- element(2, file:list_dir(Dir))],
    ok = file:del_dir(Dir),
    io:format("ok~n").

figure(Name, Value) -> io:format("figure ~w ~w~n", [Name, Value]).

compile_big(Dir, V) ->
    Src = Dir ++ "/hot_big.erl",
    Funs = [io_lib:format("f~w() -> {~w, ~w}.~n", [I, V, I]) || I <- lists:seq(1, 1000)],
    Exports = string:join([io_lib:format("f~w/0", [I]) || I <- lists:seq(1, 1000)], ", "),
    ok = file:write_file(Src, ["-module(hot_big).\n-export([", Exports, "]).\n", Funs]),
    {ok, hot_big, Bin} = compile:file(Src, [binary, return_errors]),
    Bin.

%% Each round: load a version (timed), check it answers, make it old with the next load, purge
%% (timed).
load_and_purge(_Big, L, P, 0) ->
    {L, P};
load_and_purge([B1, B2], L, P, N) ->
    {T1, {module, hot_big}} = timer:tc(erlang, load_module, [hot_big, B1]),
    {_, 500} = hot_big:f500(),
    {module, hot_big} = erlang:load_module(hot_big, B2),
    {T2, true} = timer:tc(erlang, purge_module, [hot_big]),
    true = erlang:delete_module(hot_big),
    true = erlang:purge_module(hot_big),
    load_and_purge([B1, B2], L + T1, P + T2, N - 1).

compile_step(Dir, V) ->
    Src = Dir ++ "/hot_rm.erl",
    ok = file:write_file(Src, io_lib:format(
        "-module(hot_rm).~n-export([step/1, vsn/0]).~nstep(N) -> N + 1.~nvsn() -> ~w.~n", [V])),
    {ok, hot_rm, Bin} = compile:file(Src, [binary, return_errors]),
    Bin.

storm(Steps, N) ->
    receive
        {stop, From} -> From ! {reloads, N}
    after 0 ->
        soft_purge(hot_rm),
        {module, hot_rm} = erlang:load_module(hot_rm, lists:nth(N rem 2 + 1, Steps)),
        storm(Steps, N + 1)
    end.

soft_purge(M) ->
    case code:soft_purge(M) of
        true -> ok;
        false -> erlang:yield(), soft_purge(M)
    end.

%% ?RING members pass a token ?HOPS times; each hop calls hot_rm:step/1. Hops per second.
ring() ->
    Me = self(),
    First = lists:foldl(fun(_, Next) -> spawn(fun() -> member(Next, Me, 0) end) end,
                        Me, lists:seq(1, ?RING)),
    T0 = erlang:monotonic_time(microsecond),
    First ! {token, 0},
    pass(First),
    T1 = erlang:monotonic_time(microsecond),
    ?HOPS * 1000000 div max(1, T1 - T0).

pass(First) ->
    receive
        {token, N} when N >= ?HOPS ->
            First ! stop,
            receive stopped -> ok end;
        {token, N} ->
            First ! {token, hot_rm:step(N)},
            pass(First)
    end.

member(Next, Main, Seen) ->
    receive
        {token, N} -> Next ! {token, hot_rm:step(N)}, member(Next, Main, Seen + 1);
        stop when Next =:= Main -> Main ! stopped;
        stop -> Next ! stop
    end.
