-module(proc_register).
-export([main/0]).

%% register/2, unregister/1, whereis/1, registered/0: return values, the badarg cases, and a
%% name being freed when its process dies.

t(F) ->
    try F() of
        V -> {ok, V}
    catch
        C:R -> {C, R}
    end.

idle() ->
    receive stop -> ok; {die, R} -> exit(R) end.

wait_dead(P) ->
    R = monitor(process, P),
    receive {'DOWN', R, process, P, _} -> ok end.

main() ->
    process_flag(trap_exit, false),
    P = spawn(fun idle/0),
    io:format("whereis unknown: ~p~n", [whereis(reg_a)]),
    io:format("register: ~p~n", [register(reg_a, P)]),
    io:format("whereis: ~p~n", [whereis(reg_a) =:= P]),
    io:format("in registered(): ~p~n", [lists:member(reg_a, registered())]),
    io:format("registered() is atoms: ~p~n", [lists:all(fun is_atom/1, registered())]),
    io:format("same name again: ~p~n", [t(fun() -> register(reg_a, self()) end)]),
    io:format("second name for same pid: ~p~n", [t(fun() -> register(reg_b, P) end)]),
    io:format("name undefined: ~p~n", [t(fun() -> register(undefined, self()) end)]),
    io:format("name not atom: ~p~n", [t(fun() -> register("reg_c", self()) end)]),
    io:format("pid not pid: ~p~n", [t(fun() -> register(reg_c, reg_a) end)]),
    Dead = spawn(fun() -> ok end),
    wait_dead(Dead),
    io:format("dead pid: ~p~n", [t(fun() -> register(reg_c, Dead) end)]),
    io:format("register self: ~p~n", [register(reg_self, self())]),
    io:format("own name: ~p~n", [process_info(self(), registered_name)]),
    io:format("unregister: ~p~n", [unregister(reg_self)]),
    io:format("unregister again: ~p~n", [t(fun() -> unregister(reg_self) end)]),
    io:format("unregister not atom: ~p~n", [t(fun() -> unregister(self()) end)]),
    io:format("whereis not atom: ~p~n", [t(fun() -> whereis("reg_a") end)]),
    io:format("whereis after unregister: ~p~n", [whereis(reg_self)]),
    %% Re-registering a freed name and a process holding a name after unregister.
    io:format("reuse name: ~p~n", [register(reg_self, self())]),
    unregister(reg_self),
    %% The name is freed when the process dies, normally or not.
    reg_a ! stop,
    wait_dead(P),
    io:format("after normal death: ~p ~p~n", [whereis(reg_a), lists:member(reg_a, registered())]),
    Q = spawn(fun idle/0),
    register(reg_q, Q),
    reg_q ! {die, crash},
    wait_dead(Q),
    io:format("after crash: ~p~n", [whereis(reg_q)]),
    K = spawn(fun idle/0),
    register(reg_k, K),
    exit(K, kill),
    wait_dead(K),
    io:format("after kill: ~p~n", [whereis(reg_k)]),
    io:format("name free again: ~p~n", [register(reg_a, self())]),
    io:format("send to new holder: ~p~n", [begin reg_a ! ping, receive ping -> got_ping end end]),
    unregister(reg_a),
    %% Registering and unregistering from another process.
    Self = self(),
    R = spawn(fun() -> register(reg_child, self()), Self ! registered, idle() end),
    receive registered -> ok end,
    io:format("child registered itself: ~p~n", [whereis(reg_child) =:= R]),
    io:format("unregister other's name: ~p~n", [unregister(reg_child)]),
    io:format("child name now: ~p~n", [process_info(R, registered_name)]),
    R ! stop,
    ok.
