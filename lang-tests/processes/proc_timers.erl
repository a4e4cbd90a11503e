-module(proc_timers).
-export([main/0]).

%% erlang:send_after/3, erlang:start_timer/3 ({timeout, Ref, Msg}), erlang:cancel_timer/1
%% (time left when active, false once fired or cancelled), erlang:read_timer/1, timers to
%% registered names, and timers firing in deadline order.

t(F) ->
    try F() of
        V -> {ok, V}
    catch
        C:R -> {C, R}
    end.

main() ->
    Self = self(),
    T1 = erlang:send_after(10, Self, ping),
    io:format("send_after ref: ~p~n", [is_reference(T1)]),
    receive ping -> io:format("got ping~n") end,
    T2 = erlang:start_timer(10, Self, tick),
    receive {timeout, R2, tick} -> io:format("start_timer msg ref matches: ~p~n", [R2 =:= T2]) end,
    T3 = erlang:send_after(5000, Self, never),
    Left = erlang:cancel_timer(T3),
    io:format("cancel active: ~p~n", [is_integer(Left) andalso Left > 4000 andalso Left =< 5000]),
    io:format("cancel again: ~p~n", [erlang:cancel_timer(T3)]),
    io:format("cancel fired: ~p~n", [erlang:cancel_timer(T1)]),
    T4 = erlang:start_timer(5000, Self, never2),
    RT = erlang:read_timer(T4),
    io:format("read_timer active: ~p~n", [is_integer(RT) andalso RT > 4000]),
    erlang:cancel_timer(T4),
    io:format("read_timer cancelled: ~p~n", [erlang:read_timer(T4)]),
    receive never -> io:format("cancelled timer fired!~n"); {timeout, _, never2} -> io:format("cancelled timer fired!~n")
    after 50 -> io:format("cancelled timers silent~n")
    end,
    io:format("cancel unknown ref: ~p~n", [erlang:cancel_timer(make_ref())]),
    io:format("cancel bad arg: ~p~n", [t(fun() -> erlang:cancel_timer(foo) end)]),
    %% Deadline order regardless of creation order.
    [erlang:send_after(D, Self, {order, D}) || D <- [60, 20, 100, 40, 0]],
    Order = [receive {order, D} -> D end || _ <- lists:seq(1, 5)],
    io:format("fire order: ~p~n", [Order]),
    %% Equal deadlines keep creation order.
    [erlang:send_after(30, Self, {same, I}) || I <- lists:seq(1, 5)],
    io:format("same deadline: ~p~n", [[receive {same, I} -> I end || _ <- lists:seq(1, 5)]]),
    %% A timer to a registered name is resolved when it fires.
    register(timer_target, Self),
    erlang:send_after(10, timer_target, by_name),
    receive by_name -> io:format("by name: ok~n") end,
    unregister(timer_target),
    io:format("unknown name accepted: ~p~n", [is_reference(erlang:send_after(10, no_such_name_t, x))]),
    %% Timers to another process; a timer to a dead process is dropped silently.
    P = spawn(fun() -> receive {timeout, _, hello} = M -> Self ! {relay, element(3, M)} end end),
    erlang:start_timer(10, P, hello),
    receive {relay, X} -> io:format("to other process: ~p~n", [X]) end,
    D = spawn(fun() -> ok end),
    DR = monitor(process, D),
    receive {'DOWN', DR, process, D, _} -> ok end,
    io:format("to dead process: ~p~n", [is_reference(erlang:send_after(10, D, x))]),
    %% A zero timeout still arrives as a message.
    erlang:send_after(0, Self, zero),
    receive zero -> io:format("zero delay: ok~n") end,
    io:format("negative time: ~p~n", [t(fun() -> erlang:send_after(-1, Self, x) end)]),
    io:format("bad dest: ~p~n", [t(fun() -> erlang:send_after(10, 42, x) end)]),
    io:format("mailbox empty: ~p~n", [receive M -> M after 30 -> empty end]),
    ok.
