-module(proc_call_reply).
-export([main/0]).

%% The call/reply pattern built from primitives: a monitor guards each call, replies are matched
%% by reference, a call to a dead server returns its exit reason, and a stale reply is ignored.

start() ->
    spawn(fun() -> loop(#{}) end).

loop(State) ->
    receive
        {call, From, Ref, {put, K, V}} -> From ! {Ref, ok}, loop(State#{K => V});
        {call, From, Ref, {get, K}} -> From ! {Ref, maps:find(K, State)}, loop(State);
        {call, _From, _Ref, crash} -> exit(server_crashed);
        {call, From, Ref, {slow, T}} -> timer:sleep(T), From ! {Ref, slow_done}, loop(State)
    end.

call(Srv, Req, Timeout) ->
    MRef = monitor(process, Srv),
    Srv ! {call, self(), MRef, Req},
    receive
        {MRef, Reply} ->
            demonitor(MRef, [flush]),
            {ok, Reply};
        {'DOWN', MRef, process, _, Reason} ->
            {down, Reason}
    after Timeout ->
            demonitor(MRef, [flush]),
            timeout
    end.

main() ->
    process_flag(trap_exit, false),
    S = start(),
    io:format("~p~n", [call(S, {put, a, 1}, 1000)]),
    io:format("~p~n", [call(S, {put, b, [2, 3]}, 1000)]),
    io:format("~p~n", [call(S, {get, a}, 1000)]),
    io:format("~p~n", [call(S, {get, zz}, 1000)]),
    io:format("~p~n", [call(S, {slow, 100}, 10)]),
    %% The late reply arrives later and is never matched by a new call.
    io:format("~p~n", [call(S, {get, b}, 1000)]),
    timer:sleep(120),
    Stale = receive {Ref, slow_done} when is_reference(Ref) -> stale_reply_in_mailbox after 0 -> none end,
    io:format("~p~n", [Stale]),
    io:format("~p~n", [call(S, crash, 1000)]),
    io:format("~p~n", [call(S, {get, a}, 1000)]),
    io:format("mailbox: ~p~n", [receive M -> M after 0 -> empty end]),
    ok.
