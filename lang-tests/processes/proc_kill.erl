-module(proc_kill).
-export([main/0]).

%% The kill reason: exit(P, kill) cannot be trapped and its victim dies with reason killed;
%% a process that calls exit(kill) itself dies with reason kill, which its links receive as an
%% ordinary (trappable) kill reason; how kill/killed travel through chains of links.

sleeper() ->
    receive after infinity -> ok end.

main() ->
    process_flag(trap_exit, false),
    Self = self(),
    %% Trapping does not protect from exit(P, kill).
    T = spawn(fun() -> process_flag(trap_exit, true), Self ! ready, sleeper() end),
    receive ready -> ok end,
    TR = monitor(process, T),
    exit(T, kill),
    receive {'DOWN', TR, process, T, W1} -> io:format("trapping victim: ~p~n", [W1]) end,
    %% What a trapping linked process receives.
    process_flag(trap_exit, true),
    K = spawn_link(fun sleeper/0),
    exit(K, kill),
    receive {'EXIT', K, W2} -> io:format("link of killed: ~p~n", [W2]) end,
    K2 = spawn_link(fun() -> exit(kill) end),
    receive {'EXIT', K2, W3} -> io:format("link of exit(kill): ~p~n", [W3]) end,
    process_flag(trap_exit, false),
    %% Non-trapping A linked to B: B killed -> A dies with killed.
    A = spawn(fun() ->
                      B = spawn_link(fun sleeper/0),
                      Self ! {b, B},
                      sleeper()
              end),
    AR = monitor(process, A),
    receive {b, B} -> exit(B, kill) end,
    receive {'DOWN', AR, process, A, W4} -> io:format("A after B killed: ~p~n", [W4]) end,
    %% Non-trapping A linked to B: B calls exit(kill) -> A dies with kill.
    A2 = spawn(fun() ->
                       B2 = spawn_link(fun() -> receive go -> exit(kill) end end),
                       Self ! {b, B2},
                       sleeper()
               end),
    AR2 = monitor(process, A2),
    receive {b, B2} -> B2 ! go end,
    receive {'DOWN', AR2, process, A2, W5} -> io:format("A after B exit(kill): ~p~n", [W5]) end,
    %% A trapping process in the chain receives kill as a message and survives.
    _A3 = spawn(fun() ->
                       process_flag(trap_exit, true),
                       B3 = spawn_link(fun() -> receive go -> exit(kill) end end),
                       Self ! {b, B3},
                       receive {'EXIT', B3, Why} -> Self ! {a3, Why, alive} end
               end),
    receive {b, B3} -> B3 ! go end,
    receive {a3, W6, St} -> io:format("trapping A, B exit(kill): ~p ~p~n", [W6, St]) end,
    %% Killing an already dead process is harmless.
    io:format("kill dead: ~p~n", [exit(A, kill)]),
    %% A process killed while blocked in receive with a timeout never runs its after clause.
    V = spawn(fun() -> receive x -> ok after 100 -> Self ! after_ran end end),
    VR = monitor(process, V),
    exit(V, kill),
    receive {'DOWN', VR, process, V, W7} -> io:format("killed in receive: ~p~n", [W7]) end,
    receive after_ran -> io:format("after ran!~n") after 200 -> io:format("after never ran~n") end,
    ok.
