%% global: OTP's global name registry for a single node (krarup has no distribution). Names are
%% any terms, kept by a registered server process (global_name_server, started on first use)
%% that monitors each registered pid and drops its names when it exits, as OTP's does.
-module(global).
-export([register_name/2, register_name/3, re_register_name/2, re_register_name/3,
         unregister_name/1, whereis_name/1, send/2, registered_names/0, sync/0,
         random_exit_name/3, random_notify_name/3, notify_all_name/3]).
-export([server_loop/1]).

register_name(Name, Pid) when is_pid(Pid) ->
    call({register, Name, Pid}).

%% The resolve function only matters between nodes: accepted.
register_name(Name, Pid, _Resolve) when is_pid(Pid) ->
    register_name(Name, Pid).

re_register_name(Name, Pid) when is_pid(Pid) ->
    call({re_register, Name, Pid}).

re_register_name(Name, Pid, _Resolve) when is_pid(Pid) ->
    re_register_name(Name, Pid).

unregister_name(Name) ->
    call({unregister, Name}).

whereis_name(Name) ->
    case whereis(global_name_server) of
        undefined -> undefined;
        _ -> call({whereis, Name})
    end.

%% Sends Msg to the pid registered as Name; exits {badarg, {Name, Msg}} when there is none.
send(Name, Msg) ->
    case whereis_name(Name) of
        Pid when is_pid(Pid) ->
            Pid ! Msg,
            Pid;
        undefined ->
            exit({badarg, {Name, Msg}})
    end.

registered_names() ->
    case whereis(global_name_server) of
        undefined -> [];
        _ -> call(registered_names)
    end.

sync() -> ok.

random_exit_name(_Name, Pid1, Pid2) ->
    exit(Pid2, kill),
    Pid1.
random_notify_name(_Name, Pid1, _Pid2) -> Pid1.
notify_all_name(_Name, _Pid1, _Pid2) -> none.

call(Req) ->
    Server = server(),
    Ref = erlang:monitor(process, Server),
    Server ! {Req, self(), Ref},
    receive
        {Ref, Reply} ->
            erlang:demonitor(Ref, [flush]),
            Reply;
        {'DOWN', Ref, _, _, _} ->
            call(Req)
    end.

server() ->
    case whereis(global_name_server) of
        undefined ->
            Pid = spawn(?MODULE, server_loop, [#{}]),
            try register(global_name_server, Pid) of
                true -> Pid
            catch
                error:badarg ->
                    exit(Pid, kill),
                    server()
            end;
        Pid ->
            Pid
    end.

%% Names: #{Name => {Pid, MonitorRef}}.
server_loop(Names) ->
    receive
        {{register, Name, Pid}, From, Ref} ->
            case maps:is_key(Name, Names) orelse not is_process_alive(Pid) of
                true ->
                    From ! {Ref, no},
                    server_loop(Names);
                false ->
                    From ! {Ref, yes},
                    server_loop(Names#{Name => {Pid, erlang:monitor(process, Pid)}})
            end;
        {{re_register, Name, Pid}, From, Ref} ->
            Names1 = drop(Name, Names),
            From ! {Ref, yes},
            server_loop(Names1#{Name => {Pid, erlang:monitor(process, Pid)}});
        {{unregister, Name}, From, Ref} ->
            From ! {Ref, ok},
            server_loop(drop(Name, Names));
        {{whereis, Name}, From, Ref} ->
            Reply = case maps:find(Name, Names) of
                        {ok, {Pid, _}} -> Pid;
                        error -> undefined
                    end,
            From ! {Ref, Reply},
            server_loop(Names);
        {registered_names, From, Ref} ->
            From ! {Ref, maps:keys(Names)},
            server_loop(Names);
        {'DOWN', Mon, process, _Pid, _Reason} ->
            server_loop(maps:filter(fun(_, {_, M}) -> M =/= Mon end, Names))
    end.

drop(Name, Names) ->
    case maps:find(Name, Names) of
        {ok, {_Pid, Mon}} ->
            erlang:demonitor(Mon, [flush]),
            maps:remove(Name, Names);
        error ->
            Names
    end.
