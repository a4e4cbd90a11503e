-module(proc_send_timer_opts).
-export([main/0]).

%% The option-taking process builtins: erlang:send/3, '!'/2, send_nosuspend/2,3,
%% send_after/4 and start_timer/4 ({abs, Bool}), cancel_timer/2 and read_timer/2
%% ({async, Bool}, {info, Bool}), garbage_collect/2, module_loaded/1, and the calendar
%% conversions universaltime_to_posixtime/1, posixtime_to_universaltime/1,
%% universaltime_to_localtime/1, localtime_to_universaltime/1,2 and time_offset/0,1.
t(F) ->
    try F() of
        V -> V
    catch
        C:R -> {C, R}
    end.

flush() ->
    receive M -> M after 0 -> none end.

main() ->
    S = self(),
    io:format("~p~n", [[t(fun() -> erlang:send(S, m, O) end)
                        || O <- [[], [noconnect], [nosuspend, noconnect], [x], x]]]),
    io:format("~p~n", [[flush(), flush(), flush(), flush()]]),
    Bang = list_to_atom("!"),
    io:format("~p~n", [[t(fun() -> erlang:Bang(S, m2) end), flush(),
                        t(fun() -> erlang:Bang(nosuch, m2) end)]]),
    io:format("~p~n", [[t(fun() -> erlang:send_nosuspend(S, m3) end), flush(),
                        t(fun() -> erlang:send_nosuspend(S, m4, [noconnect]) end), flush(),
                        t(fun() -> erlang:send_nosuspend(S, m5, [x]) end),
                        t(fun() -> erlang:send_nosuspend(nosuch, m5) end),
                        t(fun() -> erlang:send_nosuspend(S, m5, x) end)]]),
    R1 = erlang:send_after(100000, S, hi, [{abs, false}]),
    io:format("~p~n", [[t(fun() -> erlang:send_after(100, S, hi, O) end)
                        || O <- [[{abs, maybe}], [x], x]]]),
    io:format("~p~n", [[erlang:read_timer(R1, [{async, false}]) > 99000,
                        erlang:read_timer(R1, []) > 99000,
                        t(fun() -> erlang:read_timer(R1, [x]) end),
                        t(fun() -> erlang:read_timer(R1, [{info, false}]) end),
                        t(fun() -> erlang:read_timer(a, []) end),
                        t(fun() -> erlang:cancel_timer(a, []) end),
                        t(fun() -> erlang:read_timer(R1, x) end)]]),
    ok = erlang:read_timer(R1, [{async, true}]),
    receive {read_timer, R1, N} when N > 99000 -> io:format("async read ok~n") end,
    ok = erlang:cancel_timer(R1, [{async, true}, {info, true}]),
    receive {cancel_timer, R1, N2} when N2 > 99000 -> io:format("async cancel ok~n") end,
    io:format("~p~n", [[erlang:cancel_timer(R1, [{info, true}]),
                        erlang:cancel_timer(R1, [{info, false}]),
                        erlang:cancel_timer(R1, [{async, true}]), flush() =:= {cancel_timer, R1, false},
                        erlang:cancel_timer(R1, [{async, true}, {info, false}]), flush(),
                        erlang:read_timer(R1, [{async, true}]), flush() =:= {read_timer, R1, false}]]),
    MT = erlang:monotonic_time(millisecond),
    R2 = erlang:start_timer(MT + 10, S, tick, [{abs, true}]),
    receive {timeout, R2, tick} -> io:format("abs timer ok~n") end,
    R3 = erlang:start_timer(MT - 10, S, tick, [{abs, true}]),
    receive {timeout, R3, tick} -> io:format("past abs timer ok~n") end,
    io:format("~p~n", [[t(fun() -> erlang:garbage_collect(S, O) end)
                        || O <- [[], [{type, minor}], [{type, major}], [{type, x}], [x],
                                 [{async, 7}]]]]),
    io:format("~p~n", [flush()]),
    io:format("~p~n", [[t(fun() -> erlang:garbage_collect(P, []) end)
                        || P <- [spawn(fun() -> ok end), a]]]),
    io:format("~p~n", [[t(fun() -> erlang:module_loaded(M) end)
                        || M <- [lists, erlang, ?MODULE, nosuch_mod, "x"]]]),
    DTs = [{{2024, 2, 29}, {23, 59, 59}}, {{1970, 1, 1}, {0, 0, 0}},
           {{1969, 12, 31}, {23, 59, 59}}, {{2023, 2, 29}, {0, 0, 0}},
           {{2023, 1, 1}, {24, 0, 0}}, {{0, 1, 1}, {0, 0, 0}}, {{-1, 1, 1}, {0, 0, 0}},
           {2023, 1, 1}, a, {{2023, 1, 1}, {1, 2, 60}}, {{2000, 2, 29}, {12, 0, 0}},
           {{1900, 2, 29}, {12, 0, 0}}],
    [io:format("~p~n", [{t(fun() -> erlang:universaltime_to_posixtime(D) end),
                         t(fun() -> erlang:universaltime_to_localtime(D) end),
                         t(fun() -> erlang:localtime_to_universaltime(D) end),
                         t(fun() -> erlang:localtime_to_universaltime(D, true) end)}])
     || D <- DTs],
    io:format("~p~n", [[t(fun() -> erlang:posixtime_to_universaltime(P) end)
                        || P <- [0, -1, 1709251199, 1 bsl 40, a, 1.0]]]),
    io:format("~p~n", [[t(fun() -> erlang:localtime_to_universaltime({{2024, 1, 1}, {0, 0, 0}}, D) end)
                        || D <- [true, false, undefined, x]]]),
    io:format("~p~n", [[is_integer(erlang:time_offset()), is_integer(erlang:time_offset(second)),
                        t(fun() -> erlang:time_offset(x) end)]]),
    ok.
