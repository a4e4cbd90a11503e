%% erlang:hibernate/3: the stack is dropped, the process waits for a message without taking
%% it, then calls M:F(Args); process_info shows {erlang,hibernate,3} meanwhile.
-module(proc_hibernate).
-export([main/0, wake/2, ret/1, loop/1]).

main() ->
    Self = self(),
    Big = lists:seq(1, 1000),
    P = spawn(fun() -> erlang:hibernate(?MODULE, wake, [Self, Big]) end),
    timer:sleep(20),
    io:format("~p~n", [process_info(P, [current_function, current_stacktrace, status,
                                         message_queue_len])]),
    %% A link is a signal but not a message: it does not wake the process.
    link(P),
    timer:sleep(20),
    io:format("after link: ~p~n", [process_info(P, [current_function, status, links])]),
    P ! go,
    receive {woke, Q, Sum} -> io:format("woke with ~p queued, sum ~p~n", [Q, Sum]) end,
    receive {got, M} -> io:format("then received ~p~n", [M]) end,
    unlink(P),
    exit(P, kill),
    %% When M:F returns, the process ends normally (the stack was dropped).
    {R, Ref} = spawn_monitor(fun() -> catch erlang:hibernate(?MODULE, ret, [Self]) end),
    R ! wake_up,
    receive {ret, V} -> io:format("returned in ~p~n", [V]) end,
    receive {'DOWN', Ref, process, R, Why} -> io:format("down: ~p~n", [Why]) end,
    %% A message already queued wakes it at once; the catch around it is gone too (the crash
    %% report is silenced: erl prints it on stdout, krarup on stderr).
    logger:set_primary_config(level, none),
    {U, URef} = spawn_monitor(fun() ->
                                       self() ! pre,
                                       catch erlang:hibernate(?MODULE, nosuch, [1])
                               end),
    receive {'DOWN', URef, process, U, Why2} -> io:format("down: ~p~n", [Why2]) end,
    %% Hibernating again in a loop keeps the state in the arguments.
    L = spawn(?MODULE, loop, [0]),
    [L ! {add, N} || N <- [1, 2, 3]],
    L ! {get, self()},
    receive {total, T} -> io:format("loop total ~p~n", [T]) end,
    timer:sleep(20),
    io:format("~p~n", [process_info(L, current_function)]),
    exit(L, kill),
    io:format("~p~n", [catch_class(fun() -> erlang:hibernate(?MODULE, wake, notalist) end)]),
    io:format("~p~n", [catch_class(fun() -> erlang:hibernate("m", wake, []) end)]),
    ok.

wake(Parent, Big) ->
    {message_queue_len, Q} = process_info(self(), message_queue_len),
    Parent ! {woke, Q, lists:sum(Big)},
    receive M -> Parent ! {got, M} end,
    receive after infinity -> ok end.

ret(Parent) ->
    {current_stacktrace, Stack} = process_info(self(), current_stacktrace),
    Parent ! {ret, [{M, F, A} || {M, F, A, _} <- Stack]},
    done.

loop(N) ->
    receive
        {add, K} -> erlang:hibernate(?MODULE, loop, [N + K]);
        {get, From} -> From ! {total, N}, erlang:hibernate(?MODULE, loop, [N])
    end.

catch_class(F) ->
    try F() of V -> {value, V} catch C:E -> {C, E} end.
