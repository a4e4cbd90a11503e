%% Process aliases (OTP 24+): alias/0,1, unalias/1, monitor/3 with {alias, _} and {tag, _},
%% and messages through an alias dropped once it is inactive.
-module(proc_alias).
-export([main/0]).

main() ->
    A = alias(),
    A ! hi,
    io:format("explicit: ~p~n", [flush()]),
    io:format("unalias: ~p ~p~n", [unalias(A), unalias(A)]),
    A ! dropped,
    erlang:send(A, dropped_too),
    io:format("after unalias: ~p~n", [flush()]),
    io:format("unalias of a plain ref: ~p~n", [unalias(make_ref())]),
    io:format("send to a plain ref: ~p~n", [erlang:send(make_ref(), x)]),
    B = alias([reply]),
    B ! one,
    B ! two,
    io:format("reply: ~p~n", [flush()]),
    C = alias([explicit_unalias]),
    Self = self(),
    spawn(fun() -> C ! from_other, Self ! done end),
    receive done -> ok end,
    io:format("from another process: ~p~n", [flush()]),
    unalias(C),
    spawn(fun() -> C ! late, Self ! done end),
    receive done -> ok end,
    io:format("late: ~p~n", [flush()]),
    monitor_aliases(),
    tags(),
    bad_args(),
    call_timeout(),
    ok.

monitor_aliases() ->
    P = spawn(fun() -> receive _ -> ok end end),
    R1 = monitor(process, P, [{alias, demonitor}]),
    R1 ! x,
    io:format("demonitor alias: ~p~n", [flush()]),
    io:format("demonitor: ~p~n", [demonitor(R1)]),
    R1 ! y,
    io:format("after demonitor: ~p~n", [flush()]),
    R2 = monitor(process, P, [{alias, reply_demonitor}]),
    R2 ! a,
    R2 ! b,
    P ! go,
    timer:sleep(20),
    io:format("reply_demonitor: ~p~n", [flush()]),
    Q = spawn(fun() -> receive _ -> ok end end),
    R3 = monitor(process, Q, [{alias, explicit_unalias}]),
    Q ! go,
    timer:sleep(20),
    R3 ! after_down,
    io:format("explicit after down: ~p~n", [strip(flush(), R3)]),
    io:format("demonitor info: ~p~n", [demonitor(R3, [info])]),
    R3 ! after_demonitor,
    io:format("explicit after demonitor: ~p~n", [flush()]),
    io:format("unalias: ~p~n", [unalias(R3)]),
    Q2 = spawn(fun() -> receive _ -> ok end end),
    R4 = monitor(process, Q2, [{alias, demonitor}]),
    Q2 ! go,
    timer:sleep(20),
    R4 ! after_down,
    io:format("demonitor after down: ~p~n", [strip(flush(), R4)]),
    io:format("unalias: ~p~n", [unalias(R4)]).

tags() ->
    P = spawn(fun() -> receive _ -> ok end end),
    R = monitor(process, P, [{tag, {my, tag}}]),
    P ! go,
    receive
        {{my, tag}, R, process, P, normal} -> io:format("tagged DOWN~n")
    after 1000 -> io:format("no tagged DOWN: ~p~n", [flush()])
    end,
    R2 = monitor(process, P, [{tag, t2}, {alias, demonitor}]),
    receive
        {t2, R2, process, P, noproc} -> io:format("tagged noproc~n")
    after 1000 -> io:format("no tagged noproc: ~p~n", [flush()])
    end,
    R3 = monitor(process, no_such_name, [{tag, t3}]),
    receive
        {t3, R3, process, {no_such_name, _}, noproc} -> io:format("tagged name noproc~n")
    after 1000 -> io:format("no tagged name noproc: ~p~n", [flush()])
    end,
    R4 = monitor(process, P, [{alias, demonitor}]),
    receive {'DOWN', R4, process, P, noproc} -> ok end,
    R4 ! gone,
    io:format("alias of a dead monitor: ~p~n", [flush()]).

bad_args() ->
    Bad = [fun() -> alias([bogus]) end,
           fun() -> alias(notalist) end,
           fun() -> unalias(x) end,
           fun() -> monitor(process, self(), [bogus]) end,
           fun() -> monitor(process, self(), [{alias, bad}]) end,
           fun() -> monitor(process, self(), notalist) end,
           fun() -> monitor(port, self(), []) end],
    [io:format("~p~n", [catch_class(F)]) || F <- Bad].

%% A server replying after the caller gave up: the reply is dropped.
call_timeout() ->
    Server = spawn(fun() ->
                           receive {From, Alias} -> timer:sleep(50), Alias ! {reply, late}, From ! done end
                   end),
    Mref = monitor(process, Server, [{alias, demonitor}]),
    Server ! {self(), Mref},
    Got = receive {reply, R} -> R after 10 -> timeout end,
    demonitor(Mref, [flush]),
    receive done -> ok end,
    io:format("call: ~p, then ~p~n", [Got, flush()]).

catch_class(F) ->
    try F() of V -> {value, V} catch C:R -> {C, R} end.

strip(Msgs, Ref) ->
    [case M of {'DOWN', Ref, process, _, Why} -> {'DOWN', Why}; _ -> M end || M <- Msgs].

flush() -> receive M -> [M | flush()] after 0 -> [] end.
