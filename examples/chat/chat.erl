%% A narrated session of the chat application: users join rooms and talk; a connection crashes
%% and its supervisor restarts it with a clean state; repeated crashes escalate until the room
%% restarts; the room server's code is upgraded while everyone is connected; the application
%% stops. Run it with `krarup run examples/chat/*.erl` (chat.erl
%% first); chat.app beside the modules describes the application.
-module(chat).
-export([main/0]).

main() ->
    say("starting the chat application: ~p", [application:ensure_all_started(chat)]),
    say("running applications: ~p", [[A || {A, _, _} <- application:which_applications()]]),
    {ok, _} = chat_sup:start_room(lobby),
    {ok, _} = chat_sup:start_room(dev),
    [connect(Room, User) || {Room, User} <- [{lobby, alice}, {lobby, bob}, {lobby, carol},
                                             {dev, dave}]],
    members(lobby),
    members(dev),
    talk(lobby, alice, "hello everyone"),
    talk(lobby, bob, "hi alice"),
    talk(dev, dave, "the build is green"),
    inbox(bob),
    inbox(carol),

    say("~n-- bob's device crashes", []),
    crash(bob),
    say("bob's connection restarted with a clean state", []),
    inbox(bob),
    members(lobby),
    talk(lobby, carol, "welcome back bob"),
    inbox(bob),

    {ok, Max} = application:get_env(chat, max_conn_restarts),
    say("~n-- carol's device keeps crashing (the lobby's connections may restart ~b times "
        "in 10 s; bob's used one)", [Max]),
    OldRoom = whereis(room_lobby),
    Conns = room:conns_sup(lobby),
    Ref = erlang:monitor(process, Conns),
    [crash(carol) || _ <- lists:seq(1, Max - 1)],
    say("~b restarts of carol's connection", [Max - 1]),
    conn:crash(carol),
    receive {'DOWN', Ref, process, Conns, Reason} -> ok end,
    say("one more crash: the lobby's connection supervisor gives up (~p)", [Reason]),
    wait_new(room_lobby, OldRoom),
    say("the lobby restarted: a new room server and no connections", []),
    members(lobby),
    say("lobby history: ~p", [room:history(lobby)]),
    say("dev is untouched:", []),
    members(dev),
    say("dev history: ~p", [room:history(dev)]),

    say("~n-- everyone reconnects to the lobby", []),
    [connect(lobby, U) || U <- [alice, bob, carol]],
    talk(lobby, alice, "we are back"),
    inbox(carol),
    say("supervision tree: ~p", [tree(chat_sup)]),

    say("~n-- upgrading the room server while everyone is connected", []),
    Src = upgrade_source(),
    {ok, room, Bin} = compile:file(Src, [binary]),
    say("code_change/3 ran in: ~p", [upgrade(room, Src, Bin)]),
    members(lobby),
    talk(lobby, bob, "did something change?"),
    inbox(carol),
    say("lobby stats: ~p", [room:stats(lobby)]),
    say("dev stats: ~p", [room:stats(dev)]),

    say("~n-- stopping the application: ~p", [application:stop(chat)]),
    say("chat_sup alive: ~p", [whereis(chat_sup) =/= undefined]),
    say("running applications: ~p", [[A || {A, _, _} <- application:which_applications()]]).

connect(Room, User) ->
    {ok, _} = room_sup:connect(Room, User),
    say("~p connects to ~p", [User, Room]).

talk(Room, User, Text) ->
    ok = room:say(Room, User, Text),
    say("~p in ~p: ~s", [User, Room, Text]).

members(Room) ->
    say("~p members: ~p", [Room, room:members(Room)]).

inbox(User) ->
    say("~p's inbox: ~p", [User, conn:inbox(User)]).

%% Crashes User's connection and waits until its supervisor has started a new one that has
%% joined its room again (a call to the new process returns only after its init).
crash(User) ->
    Old = conn:whereis(User),
    Ref = erlang:monitor(process, Old),
    conn:crash(User),
    receive {'DOWN', Ref, process, Old, _} -> ok end,
    wait_new(list_to_atom("conn_" ++ atom_to_list(User)), Old),
    _ = conn:inbox(User),
    ok.

%% upgrade/room.erl beside this file: found through ?FILE, or through the source path the
%% compiler recorded (erlc may record ?FILE relative to where it ran).
upgrade_source() ->
    Dirs = [filename:dirname(?FILE)
            | [filename:dirname(S) || {source, S} <- ?MODULE:module_info(compile)]],
    hd([F || D <- Dirs, F <- [filename:join([D, "upgrade", "room.erl"])],
             filelib:is_regular(F)]).

%% Loads Bin as the new version of the behaviour module Mod, upgrading the state of each server
%% running it; returns their names. On krarup this is one call, krarup_upgrade:upgrade/3, whose
%% report goes to stderr; on erl (which prints this session's expected output) the same steps
%% are spelled out: suspend the servers, load, sys:change_code/4 (code_change/3), resume.
upgrade(Mod, File, Bin) ->
    case code:ensure_loaded(krarup_upgrade) of
        {module, _} ->
            {{module, Mod}, Report} = krarup_upgrade:upgrade(Mod, File, Bin),
            io:put_chars(standard_error, krarup_upgrade:report_text(Report)),
            lists:sort([N || #{registered_name := N} <- maps:get(upgraded, Report)]);
        {error, _} ->
            Servers = [P || P <- processes(),
                            (catch proc_lib:translate_initial_call(P)) =:= {Mod, init, 1}],
            [ok = sys:suspend(P) || P <- Servers],
            {module, Mod} = code:load_binary(Mod, File, Bin),
            [ok = sys:change_code(P, Mod, undefined, []) || P <- Servers],
            [ok = sys:resume(P) || P <- Servers],
            lists:sort([N || P <- Servers, {registered_name, N} <- [process_info(P, registered_name)]])
    end.

%% Waits until Name is registered to a process other than Old.
wait_new(Name, Old) ->
    case whereis(Name) of
        P when is_pid(P), P =/= Old -> ok;
        _ -> receive after 5 -> wait_new(Name, Old) end
    end.

%% The supervision tree under Sup: supervisors as {Id, Children}, workers by their registered
%% names, each level sorted (dynamic children come in pid order, which differs between VMs).
tree(Sup) ->
    lists:sort([case Type of
                    supervisor -> {Id, tree(Pid)};
                    worker -> name(Pid)
                end || {Id, Pid, Type, _} <- supervisor:which_children(Sup)]).

name(Pid) ->
    case erlang:process_info(Pid, registered_name) of
        {registered_name, N} -> N;
        _ -> Pid
    end.

say(Format, Args) ->
    io:format(Format ++ "~n", Args).
