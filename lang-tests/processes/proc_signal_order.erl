-module(proc_signal_order).
-export([main/0]).

%% Signals from one process arrive in the order sent: a link or monitor request that reaches a
%% process after the exit signal that killed it is answered as by a process that no longer exists.
main() ->
    process_flag(trap_exit, true),
    after_kill(link),
    after_kill(monitor),
    after_exit(link, boom),
    after_exit(monitor, boom),
    %% A request that reaches the process before its exit gets the real reason.
    Q = spawn(fun() -> receive stop -> exit(done) end end),
    link(Q),
    Q ! stop,
    receive {'EXIT', Q, Why} -> io:format("linked before exit: ~p~n", [Why]) end,
    ok.

after_kill(How) ->
    Q = spawn(fun() -> receive _ -> ok end end),
    exit(Q, kill),
    report(How, kill, request(How, Q)).

after_exit(How, Reason) ->
    Q = spawn(fun() -> receive _ -> ok end end),
    exit(Q, Reason),
    report(How, Reason, request(How, Q)).

request(link, Q) ->
    link(Q),
    receive {'EXIT', Q, Why} -> Why after 1000 -> none end;
request(monitor, Q) ->
    R = monitor(process, Q),
    receive {'DOWN', R, process, Q, Why} -> Why after 1000 -> none end.

report(How, Sent, Got) ->
    io:format("exit(Q, ~p) then ~p(Q): ~p~n", [Sent, How, Got]).
