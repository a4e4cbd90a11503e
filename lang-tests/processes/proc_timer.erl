%% timer's timers (OTP 25): apply_after, send_after, send_interval, apply_interval,
%% exit_after, kill_after and cancel, with their return shapes and badarg cases.
-module(proc_timer).
-export([main/0, hello/2]).
hello(Pid, X) -> Pid ! {hello, X}.
main() ->
    S = self(),
    R1 = timer:send_after(10, self(), a),
    R2 = timer:send_after(10, a2),
    R3 = timer:apply_after(10, proc_timer, hello, [S, x]),
    R4 = timer:send_interval(10, self(), tick),
    R5 = timer:send_interval(10, tick2),
    R6 = timer:apply_interval(10, proc_timer, hello, [S, y]),
    io:format("~p~n", [[T || {ok, {T, R}} <- [R1, R2, R3, R4, R5, R6], is_reference(R)]]),
    timer:sleep(35),
    io:format("~p~n", [[timer:cancel(element(2, R)) || R <- [R1, R2, R3, R4, R5, R6]]]),
    timer:sleep(30),
    %% How many times an interval fired in 35 ms depends on the machine: only "several".
    io:format("~p~n", [summary(flush())]),
    io:format("~p~n", [timer:cancel(foo)]),
    io:format("~p~n", [[catch timer:send_after(-1, self(), x), catch timer:send_after(a, self(), x),
                        catch timer:send_after(10, "x", x), catch timer:apply_after(-1, m, f, []),
                        catch timer:send_interval(-1, self(), x), catch timer:apply_interval(x, m, f, []),
                        catch timer:apply_after(10, "m", f, []), catch timer:send_after(10, 3, x),
                        catch timer:cancel({once, x}), catch timer:cancel({other, make_ref()})]]),
    {ok, {once, _}} = timer:send_after(10, nosuchname, x),
    register(me, self()),
    {ok, {once, _}} = timer:send_after(10, me, by_name),
    {ok, {instant, _}} = timer:send_after(0, self(), zero),
    {ok, {instant, _}} = timer:apply_after(0, proc_timer, hello, [S, now]),
    timer:sleep(30),
    io:format("~p~n", [flush()]),
    %% A cancelled one-shot timer does nothing.
    {ok, T1} = timer:send_after(20, nosuch_anyway, x),
    {ok, T2} = timer:apply_after(20, proc_timer, hello, [S, cancelled]),
    {ok, cancel} = timer:cancel(T2),
    {ok, cancel} = timer:cancel(T2),
    timer:sleep(40),
    io:format("~p ~p~n", [flush(), timer:cancel(T1)]),
    %% An interval timer ends with its target.
    P = spawn(fun() -> receive stop -> ok end end),
    {ok, _} = timer:send_interval(5, P, tick),
    timer:sleep(20),
    {message_queue_len, N} = process_info(P, message_queue_len),
    io:format("ticks queued: ~p~n", [N > 1]),
    P ! stop,
    {ok, K} = timer:kill_after(10, spawn(fun() -> receive after infinity -> ok end end)),
    io:format("~p~n", [element(1, K)]),
    {ok, E} = timer:exit_after(10, self(), normal),
    io:format("~p~n", [element(1, E)]),
    timer:sleep(20),
    ok.
summary(Msgs) ->
    Counts = lists:foldl(fun(M, Acc) -> maps:update_with(M, fun(N) -> N + 1 end, 1, Acc) end,
                         #{}, Msgs),
    [{M, if N > 1 -> several; true -> N end} || {M, N} <- lists:sort(maps:to_list(Counts))].

flush() -> receive M -> [M | flush()] after 0 -> [] end.
