%% A permanent application whose top process exits takes the node down (status 1); a temporary
%% one only reports. Transient: a normal exit is like temporary.
-module(app_permanent).
-export([main/0, start/2, stop/1]).

start(normal, Name) ->
    P = spawn_link(fun() -> receive {exit, R} -> exit(R) end end),
    register(Name, P),
    {ok, P}.

stop(_) -> ok.

app(Name) ->
    {application, Name, [{vsn, "1"}, {mod, {?MODULE, Name}}, {description, atom_to_list(Name)}]}.

main() ->
    [ok = application:load(app(N)) || N <- [temp, trans, perm]],
    io:format("~p~n", [application:start(temp, temporary)]),
    io:format("~p~n", [application:start(trans, transient)]),
    io:format("~p~n", [application:start(perm, permanent)]),
    io:format("~p~n", [application:which_applications()]),
    temp ! {exit, boom},
    receive after 200 -> ok end,
    trans ! {exit, normal},
    receive after 200 -> ok end,
    io:format("~p~n", [application:which_applications()]),
    perm ! {exit, boom},
    receive after 3000 -> ok end,
    io:format("not reached~n").
