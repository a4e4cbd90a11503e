-module(proc_info).
-export([main/0]).

%% process_info/2 for message_queue_len, links, monitors, monitored_by, status, registered_name,
%% trap_exit, heap_size, memory, reductions (numbers: shape only), the list form, a dead process,
%% and a bad item.

t(F) ->
    try F() of
        V -> {ok, V}
    catch
        C:R -> {C, R}
    end.

idle() ->
    receive stop -> ok end.

main() ->
    process_flag(trap_exit, false),
    Self = self(),
    P = spawn(fun idle/0),
    timer:sleep(10),
    io:format("status waiting: ~p~n", [process_info(P, status)]),
    io:format("status self: ~p~n", [process_info(Self, status)]),
    io:format("registered_name none: ~p~n", [process_info(P, registered_name)]),
    register(info_target, P),
    io:format("registered_name: ~p~n", [process_info(P, registered_name)]),
    io:format("queue empty: ~p~n", [process_info(P, message_queue_len)]),
    P ! one, P ! two, P ! three,
    io:format("queue 3: ~p~n", [process_info(P, message_queue_len)]),
    io:format("links none: ~p~n", [process_info(P, links)]),
    link(P),
    {links, PL} = process_info(P, links),
    io:format("links me: ~p~n", [PL =:= [Self]]),
    unlink(P),
    io:format("monitors none: ~p~n", [process_info(P, monitors)]),
    Ref = monitor(process, P),
    {monitors, Ms} = process_info(Self, monitors),
    io:format("my monitors: ~p~n", [Ms =:= [{process, P}]]),
    {monitored_by, MB} = process_info(P, monitored_by),
    io:format("monitored_by me: ~p~n", [MB =:= [Self]]),
    demonitor(Ref),
    RN = monitor(process, info_target),
    io:format("monitor by name: ~p~n", [process_info(Self, monitors)]),
    demonitor(RN),
    io:format("monitors after demonitor: ~p~n", [process_info(Self, monitors)]),
    io:format("trap_exit: ~p~n", [process_info(P, trap_exit)]),
    Q = spawn(fun() -> process_flag(trap_exit, true), Self ! ready, idle() end),
    receive ready -> ok end,
    io:format("trap_exit set: ~p~n", [process_info(Q, trap_exit)]),
    Q ! stop,
    [{heap_size, H}, {memory, M}, {reductions, R}] = process_info(P, [heap_size, memory, reductions]),
    io:format("numbers: ~p ~p ~p~n", [is_integer(H) andalso H > 0, is_integer(M) andalso M > 0,
                                      is_integer(R) andalso R >= 0]),
    {reductions, R1} = process_info(Self, reductions),
    lists:foldl(fun(X, A) -> X + A end, 0, lists:seq(1, 10000)),
    {reductions, R2} = process_info(Self, reductions),
    io:format("reductions grow: ~p~n", [R2 > R1]),
    io:format("list form: ~p~n", [process_info(P, [message_queue_len, status, registered_name])]),
    P ! stop,
    DRef = monitor(process, P),
    receive {'DOWN', DRef, process, P, _} -> ok end,
    io:format("dead: ~p~n", [process_info(P, status)]),
    io:format("dead list: ~p~n", [process_info(P, [status, links])]),
    io:format("dead name: ~p~n", [process_info(P, registered_name)]),
    io:format("bad item: ~p~n", [t(fun() -> process_info(Self, no_such_item) end)]),
    io:format("bad pid: ~p~n", [t(fun() -> process_info(info_target, status) end)]),
    ok.
