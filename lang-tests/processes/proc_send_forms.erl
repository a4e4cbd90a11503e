-module(proc_send_forms).
-export([main/0]).

%% Pid ! Msg and erlang:send/2: return values, sending to registered names and {Name, Node},
%% sending to a dead process, and the badarg cases.

t(F) ->
    try F() of
        V -> {ok, V}
    catch
        C:R -> {C, R}
    end.

flush() ->
    receive
        M -> [M | flush()]
    after 0 -> []
    end.

main() ->
    Self = self(),
    io:format("send returns msg: ~p~n", [Self ! hello]),
    io:format("erlang:send returns msg: ~p~n", [erlang:send(Self, {tuple, 1})]),
    io:format("chained: ~p~n", [Self ! Self ! twice]),
    io:format("mailbox: ~p~n", [flush()]),
    Echo = spawn(fun Loop() ->
                         receive
                             {From, M} -> From ! {echo, M}, Loop();
                             stop -> ok
                         end
                 end),
    true = register(echo_srv, Echo),
    echo_srv ! {Self, by_name},
    receive {echo, M1} -> io:format("by name: ~p~n", [M1]) end,
    {echo_srv, node()} ! {Self, by_name_node},
    receive {echo, M2} -> io:format("by {name, node()}: ~p~n", [M2]) end,
    erlang:send(echo_srv, {Self, send_name}),
    receive {echo, M3} -> io:format("erlang:send name: ~p~n", [M3]) end,
    erlang:send({echo_srv, nonode@nohost}, {Self, send_tuple}),
    receive {echo, M4} -> io:format("erlang:send {name, node}: ~p~n", [M4]) end,
    io:format("unknown name: ~p~n", [t(fun() -> no_such_name ! x end)]),
    io:format("erlang:send unknown name: ~p~n", [t(fun() -> erlang:send(no_such_name, x) end)]),
    io:format("unknown {name, node()}: ~p~n", [t(fun() -> {no_such_name, node()} ! x end)]),
    io:format("integer dest: ~p~n", [t(fun() -> 42 ! x end)]),
    io:format("3-tuple dest: ~p~n", [t(fun() -> {a, b, c} ! x end)]),
    io:format("bad node: ~p~n", [t(fun() -> {echo_srv, 42} ! x end)]),
    io:format("list dest: ~p~n", [t(fun() -> erlang:send([Self], x) end)]),
    Dead = spawn(fun() -> ok end),
    MRef = monitor(process, Dead),
    receive {'DOWN', MRef, process, Dead, _} -> ok end,
    io:format("to dead pid: ~p~n", [t(fun() -> Dead ! lost end)]),
    Echo ! stop,
    ERef = monitor(process, Echo),
    receive {'DOWN', ERef, process, Echo, normal} -> ok end,
    io:format("name after death: ~p~n", [t(fun() -> echo_srv ! x end)]),
    io:format("mailbox empty: ~p~n", [flush()]),
    ok.
