-module(proc_stats_memory).
-export([main/0]).

%% Shapes only: erlang:statistics/1 for runtime, wall_clock, reductions; erlang:memory/0,1;
%% erlang:monotonic_time/0,1 and erlang:system_time/0,1.

t(F) ->
    try F() of
        V -> {ok, V}
    catch
        C:R -> {C, R}
    end.

pair({A, B}) when is_integer(A), is_integer(B), A >= 0, B >= 0 -> pair_of_naturals;
pair(Other) -> {unexpected, Other}.

main() ->
    io:format("runtime: ~p~n", [pair(statistics(runtime))]),
    io:format("wall_clock: ~p~n", [pair(statistics(wall_clock))]),
    io:format("reductions: ~p~n", [pair(statistics(reductions))]),
    {W1, _} = statistics(wall_clock),
    timer:sleep(30),
    {W2, Since} = statistics(wall_clock),
    io:format("wall clock advances: ~p ~p~n", [W2 - W1 >= 25, Since >= 25]),
    {Rd1, _} = statistics(reductions),
    lists:sum(lists:seq(1, 10000)),
    {Rd2, _} = statistics(reductions),
    io:format("reductions advance: ~p~n", [Rd2 > Rd1]),
    io:format("bad item: ~p~n", [t(fun() -> statistics(no_such_stat) end)]),
    Mem = erlang:memory(),
    Keys = [K || {K, _} <- Mem],
    io:format("memory keys: ~p~n", [Keys]),
    io:format("memory values: ~p~n", [lists:all(fun({_, V}) -> is_integer(V) andalso V >= 0 end, Mem)]),
    io:format("total: ~p~n", [is_integer(erlang:memory(total))]),
    io:format("processes: ~p~n", [is_integer(erlang:memory(processes))]),
    io:format("list form: ~p~n", [[K || {K, V} <- erlang:memory([total, processes, binary]), is_integer(V)]]),
    io:format("bad memory type: ~p~n", [t(fun() -> erlang:memory(no_such_type) end)]),
    io:format("total >= processes: ~p~n", [erlang:memory(total) >= erlang:memory(processes)]),
    M1 = erlang:monotonic_time(),
    timer:sleep(5),
    M2 = erlang:monotonic_time(),
    io:format("monotonic: ~p ~p~n", [is_integer(M1), M2 > M1]),
    Ms1 = erlang:monotonic_time(millisecond),
    timer:sleep(20),
    Ms2 = erlang:monotonic_time(millisecond),
    io:format("monotonic ms: ~p~n", [Ms2 - Ms1 >= 15]),
    S = erlang:system_time(second),
    io:format("system_time second plausible: ~p~n", [S > 1600000000]),
    io:format("system_time units agree: ~p~n",
              [abs(erlang:system_time(millisecond) div 1000 - erlang:system_time(second)) =< 1]),
    io:format("system_time native: ~p~n", [is_integer(erlang:system_time())]),
    io:format("units: ~p~n", [[is_integer(erlang:monotonic_time(U)) || U <- [second, millisecond, microsecond, nanosecond, native]]]),
    io:format("bad unit: ~p~n", [t(fun() -> erlang:monotonic_time(fortnight) end)]),
    ok.
