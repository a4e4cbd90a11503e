-module(proc_spawn_opt).
-export([main/0]).

%% erlang:spawn_opt/2,4: link and monitor options, the tuning options (accepted), bad options.
shape(F) ->
    try F() of
        V when is_pid(V) -> pid;
        {P, R} when is_pid(P), is_reference(R) -> pid_ref;
        V -> V
    catch
        C:R -> {C, R}
    end.

main() ->
    Fun = fun() -> ok end,
    Opts = [[], [link], [monitor], [link, monitor], [{monitor, []}], [{priority, high}],
            [{priority, x}], [{fullsweep_after, 10}], [{min_heap_size, 100}],
            [{min_bin_vheap_size, 100}], [{max_heap_size, 1000}],
            [{message_queue_data, off_heap}], [{message_queue_data, x}], [x], x,
            [{fullsweep_after, -1}]],
    io:format("~p~n", [[shape(fun() -> erlang:spawn_opt(Fun, O) end) || O <- Opts]]),
    io:format("~p~n", [[shape(fun() -> erlang:spawn_opt(lists, seq, [1, 2], O) end)
                        || O <- [[], [monitor], [x]]]]),
    io:format("~p~n", [[shape(fun() -> erlang:spawn_opt(a, []) end),
                        shape(fun() -> erlang:spawn_opt(lists, seq, x, []) end)]]),
    {P, R} = spawn_opt(fun() -> exit(boom) end, [monitor]),
    receive {'DOWN', R, process, P, Why} -> io:format("down ~p~n", [Why]) end,
    process_flag(trap_exit, true),
    {P2, R2} = spawn_opt(fun() -> exit(bang) end, [link, monitor]),
    receive {'EXIT', P2, Why2} -> io:format("exit ~p~n", [Why2]) end,
    receive {'DOWN', R2, process, P2, Why3} -> io:format("down ~p~n", [Why3]) end,
    ok.
