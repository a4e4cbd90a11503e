%% gen: the helper every OTP behaviour shares (OTP 25's internal `gen` module): starting with a
%% name ({local,N}, {global,N} on this node, {via,M,N}), start options, synchronous calls with a
%% monitor, replies, asynchronous requests (send_request family) and stop.
-module(gen).
-export([start/5, start/6, init_it/6, init_it/7,
         call/3, call/4, reply/2, send_request/3, wait_response/2, receive_response/2,
         check_response/2, stop/1, stop/3, where/1, name/1, unregister_name/1,
         get_proc_name/1, get_parent/0, debug_options/2, hibernate_after/1,
         format_status_header/2, format_status/4, timeout_value/1]).

-define(DEFAULT_TIMEOUT, 5000).

%% ---- start ----

%% start(GenMod, LinkP, [Name,] Mod, Args, Options) -> {ok, Pid} | {ok, {Pid, Ref}} | ignore |
%% {error, Reason}. LinkP is link, monitor or nolink.
start(GenMod, LinkP, Name, Mod, Args, Options) ->
    case where(Name) of
        undefined -> do_spawn(GenMod, LinkP, Name, Mod, Args, Options);
        Pid -> {error, {already_started, Pid}}
    end.

start(GenMod, LinkP, Mod, Args, Options) ->
    do_spawn(GenMod, LinkP, Mod, Args, Options).

do_spawn(GenMod, link, Mod, Args, Options) ->
    proc_lib:start_link(?MODULE, init_it, [GenMod, self(), self(), Mod, Args, Options],
                        timeout(Options), spawn_opts(Options));
do_spawn(GenMod, monitor, Mod, Args, Options) ->
    Ret = proc_lib:start_monitor(?MODULE, init_it, [GenMod, self(), self(), Mod, Args, Options],
                                 timeout(Options), spawn_opts(Options)),
    monitor_return(Ret);
do_spawn(GenMod, _, Mod, Args, Options) ->
    proc_lib:start(?MODULE, init_it, [GenMod, self(), self, Mod, Args, Options],
                   timeout(Options), spawn_opts(Options)).

do_spawn(GenMod, link, Name, Mod, Args, Options) ->
    proc_lib:start_link(?MODULE, init_it, [GenMod, self(), self(), Name, Mod, Args, Options],
                        timeout(Options), spawn_opts(Options));
do_spawn(GenMod, monitor, Name, Mod, Args, Options) ->
    Ret = proc_lib:start_monitor(?MODULE, init_it,
                                 [GenMod, self(), self(), Name, Mod, Args, Options],
                                 timeout(Options), spawn_opts(Options)),
    monitor_return(Ret);
do_spawn(GenMod, _, Name, Mod, Args, Options) ->
    proc_lib:start(?MODULE, init_it, [GenMod, self(), self, Name, Mod, Args, Options],
                   timeout(Options), spawn_opts(Options)).

%% On success {ok, {Pid, Ref}}; when the start failed, the process's 'DOWN' is awaited and
%% consumed so the caller's mailbox stays clean, as in OTP 25.
monitor_return({{ok, Pid}, Mon}) when is_pid(Pid), is_reference(Mon) -> {ok, {Pid, Mon}};
monitor_return({Error, Mon}) when is_reference(Mon) ->
    receive
        {'DOWN', Mon, process, _Pid, _Reason} -> ok
    end,
    Error.

init_it(GenMod, Starter, Parent, Mod, Args, Options) ->
    init_it2(GenMod, Starter, Parent, self(), Mod, Args, Options).

init_it(GenMod, Starter, Parent, Name, Mod, Args, Options) ->
    case register_name(Name) of
        true ->
            init_it2(GenMod, Starter, Parent, Name, Mod, Args, Options);
        {false, Pid} ->
            proc_lib:init_ack(Starter, {error, {already_started, Pid}})
    end.

init_it2(GenMod, Starter, Parent, Name, Mod, Args, Options) ->
    GenMod:init_it(Starter, Parent, Name, Mod, Args, Options).

%% ---- names ----

where({global, Name}) -> global:whereis_name(Name);
where({via, Module, Name}) -> Module:whereis_name(Name);
where({local, Name}) -> whereis(Name).

register_name({local, Name} = LN) ->
    try register(Name, self()) of
        true -> true
    catch
        error:_ -> {false, where(LN)}
    end;
register_name({global, Name} = GN) ->
    case global:register_name(Name, self()) of
        yes -> true;
        no -> {false, where(GN)}
    end;
register_name({via, Module, Name} = GN) ->
    case Module:register_name(Name, self()) of
        yes -> true;
        no -> {false, where(GN)}
    end.

%% The name a behaviour keeps for itself: the bare atom or global/via name, or the pid.
name({local, Name}) -> Name;
name({global, Name}) -> Name;
name({via, _, Name}) -> Name;
name(Pid) when is_pid(Pid) -> Pid.

unregister_name({local, Name}) ->
    try unregister(Name) of
        _ -> ok
    catch
        _:_ -> ok
    end;
unregister_name({global, Name}) ->
    _ = global:unregister_name(Name),
    ok;
unregister_name({via, Mod, Name}) ->
    _ = Mod:unregister_name(Name),
    ok;
unregister_name(Pid) when is_pid(Pid) ->
    ok.

get_proc_name(Pid) when is_pid(Pid) -> Pid;
get_proc_name({local, Name}) ->
    case erlang:process_info(self(), registered_name) of
        {registered_name, Name} -> Name;
        _ -> exit(process_not_registered)
    end;
get_proc_name({global, Name}) ->
    case global:whereis_name(Name) of
        undefined -> exit(process_not_registered_globally);
        Pid when Pid =:= self() -> Name;
        _ -> exit(process_not_registered_globally)
    end;
get_proc_name({via, Mod, Name}) ->
    case Mod:whereis_name(Name) of
        undefined -> exit({process_not_registered_via, Mod});
        Pid when Pid =:= self() -> Name;
        _ -> exit({process_not_registered_via, Mod})
    end.

%% The parent of a proc_lib process (the first ancestor), used by enter_loop.
get_parent() ->
    case get('$ancestors') of
        [Parent | _] when is_pid(Parent) -> Parent;
        [Parent | _] when is_atom(Parent) -> name_to_pid(Parent);
        _ -> exit(process_was_not_started_by_proc_lib)
    end.

name_to_pid(Name) ->
    case whereis(Name) of
        undefined ->
            case global:whereis_name(Name) of
                undefined -> exit(could_not_find_registered_name);
                Pid -> Pid
            end;
        Pid -> Pid
    end.

%% ---- options ----

timeout(Options) ->
    case lists:keyfind(timeout, 1, Options) of
        {_, Time} -> Time;
        false -> infinity
    end.

spawn_opts(Options) ->
    case lists:keyfind(spawn_opt, 1, Options) of
        {_, Opts} -> Opts;
        false -> []
    end.

hibernate_after(Options) ->
    case lists:keyfind(hibernate_after, 1, Options) of
        {_, HibernateAfterTimeout} -> HibernateAfterTimeout;
        false -> infinity
    end.

debug_options(Name, Opts) ->
    case lists:keyfind(debug, 1, Opts) of
        {_, Options} ->
            try sys:debug_options(Options)
            catch _:_ ->
                    error_logger:format("~tp: ignoring erroneous debug options - ~tp~n",
                                        [Name, Options]),
                    []
            end;
        false ->
            []
    end.

%% ---- call ----

call(Process, Label, Request) ->
    call(Process, Label, Request, ?DEFAULT_TIMEOUT).

call(Process, Label, Request, Timeout)
  when is_pid(Process), Timeout =:= infinity;
       is_pid(Process), is_integer(Timeout), Timeout >= 0 ->
    do_call(Process, Label, Request, Timeout);
call(Process, Label, Request, Timeout)
  when Timeout =:= infinity; is_integer(Timeout), Timeout >= 0 ->
    Fun = fun(Pid) -> do_call(Pid, Label, Request, Timeout) end,
    do_for_proc(Process, Fun).

%% As OTP 25: the monitor is also an alias that the reply is sent to, so a reply that comes
%% after the timeout (when the alias is gone) is dropped instead of reaching the mailbox.
do_call(Process, _Label, _Request, _Timeout) when Process =:= self() ->
    exit(calling_self);
do_call(Process, Label, Request, infinity) ->
    %% As OTP 25: without a time-out the reply or the 'DOWN' always comes, so the tag is the
    %% plain monitor reference and From is {Pid, Ref}.
    Mref = erlang:monitor(process, Process),
    Process ! {Label, {self(), Mref}, Request},
    receive
        {Mref, Reply} ->
            erlang:demonitor(Mref, [flush]),
            {ok, Reply};
        {'DOWN', Mref, _, _, noconnection} ->
            exit({nodedown, node(Process)});
        {'DOWN', Mref, _, _, Reason} ->
            exit(Reason)
    end;
do_call(Process, Label, Request, Timeout) ->
    Mref = erlang:monitor(process, Process, [{alias, demonitor}]),
    Tag = [alias | Mref],
    Process ! {Label, {self(), Tag}, Request},
    receive
        {[alias | Mref], Reply} ->
            erlang:demonitor(Mref, [flush]),
            {ok, Reply};
        {'DOWN', Mref, _, _, noconnection} ->
            exit({nodedown, node(Process)});
        {'DOWN', Mref, _, _, Reason} ->
            exit(Reason)
    after Timeout ->
            erlang:demonitor(Mref, [flush]),
            receive
                {[alias | Mref], Reply} -> {ok, Reply}
            after 0 ->
                    exit(timeout)
            end
    end.

do_for_proc(Pid, Fun) when is_pid(Pid) ->
    Fun(Pid);
do_for_proc(Name, Fun) when is_atom(Name) ->
    case whereis(Name) of
        Pid when is_pid(Pid) -> Fun(Pid);
        undefined -> exit(noproc)
    end;
do_for_proc(Process, Fun) when tuple_size(Process) =:= 2, element(1, Process) =:= global;
                               tuple_size(Process) =:= 3, element(1, Process) =:= via ->
    case where(Process) of
        Pid when is_pid(Pid) -> Fun(Pid);
        undefined -> exit(noproc)
    end;
do_for_proc({Name, Node}, Fun) when is_atom(Name), Node =:= node() ->
    do_for_proc(Name, Fun);
do_for_proc({Name, Node}, _Fun) when is_atom(Name), is_atom(Node) ->
    exit({nodedown, Node}).

%% reply({Pid, Tag}, Reply): sends {Tag, Reply} to the caller's alias (or pid); never fails.
reply({_To, [alias | Alias] = Tag}, Reply) ->
    Alias ! {Tag, Reply},
    ok;
reply({To, Tag}, Reply) ->
    try To ! {Tag, Reply}, ok
    catch _:_ -> ok
    end.

%% ---- asynchronous requests ----

send_request(Process, Label, Request) when is_pid(Process) ->
    do_send_request(Process, Label, Request);
send_request(Process, Label, Request) ->
    Fun = fun(Pid) -> do_send_request(Pid, Label, Request) end,
    try do_for_proc(Process, Fun)
    catch exit:Reason ->
            %% As OTP: an unknown name gives a request whose answer is a 'DOWN'.
            Mref = erlang:make_ref(),
            self() ! {'DOWN', Mref, process, Process, Reason},
            Mref
    end.

do_send_request(Process, Label, Request) ->
    Mref = erlang:monitor(process, Process, [{alias, demonitor}]),
    Process ! {Label, {self(), [alias | Mref]}, Request},
    Mref.

wait_response(Mref, Timeout) when is_reference(Mref) ->
    Tmo = timeout_value(Timeout),
    receive
        {[alias | Mref], Reply} ->
            erlang:demonitor(Mref, [flush]),
            {reply, Reply};
        {'DOWN', Mref, _, Object, Reason} ->
            {error, {Reason, Object}}
    after Tmo ->
            timeout
    end.

receive_response(Mref, Timeout) when is_reference(Mref) ->
    Tmo = timeout_value(Timeout),
    receive
        {[alias | Mref], Reply} ->
            erlang:demonitor(Mref, [flush]),
            {reply, Reply};
        {'DOWN', Mref, _, Object, Reason} ->
            {error, {Reason, Object}}
    after Tmo ->
            erlang:demonitor(Mref, [flush]),
            receive
                {[alias | Mref], Reply} -> {reply, Reply}
            after 0 -> timeout
            end
    end.

check_response(Msg, Mref) when is_reference(Mref) ->
    case Msg of
        {[alias | Mref], Reply} ->
            erlang:demonitor(Mref, [flush]),
            {reply, Reply};
        {'DOWN', Mref, _, Object, Reason} ->
            {error, {Reason, Object}};
        _ ->
            no_reply
    end.

%% Milliseconds for `after`: infinity, a non-negative integer, or {abs, MonotonicMs}.
timeout_value(infinity) -> infinity;
timeout_value(T) when is_integer(T), T >= 0 -> T;
timeout_value({abs, Abs}) when is_integer(Abs) ->
    max(0, Abs - erlang:monotonic_time(millisecond));
timeout_value(Other) ->
    erlang:error(badarg, [Other]).

%% ---- stop ----

stop(Process) ->
    stop(Process, normal, infinity).

stop(Process, Reason, Timeout)
  when Timeout =:= infinity; is_integer(Timeout), Timeout >= 0 ->
    Fun = fun(Pid) -> proc_lib:stop(Pid, Reason, Timeout) end,
    do_for_proc(Process, Fun).

%% ---- status ----

format_status_header(TagLine, Pid) when is_pid(Pid) ->
    lists:concat([TagLine, " ", pid_to_list(Pid)]);
format_status_header(TagLine, RegName) when is_atom(RegName) ->
    lists:concat([TagLine, " ", RegName]);
format_status_header(TagLine, Name) ->
    {TagLine, Name}.

%% Applies the callback's format_status/1 (OTP 25's map form) or format_status/2 (the old form,
%% its result under '$status'); a crash gives 'EXIT' with OTP's text.
format_status(Mod, Opt, Status, Args) ->
    case {erlang:function_exported(Mod, format_status, 1),
          erlang:function_exported(Mod, format_status, 2)} of
        {true, _} ->
            try Mod:format_status(Status) of
                NewStatus when is_map(NewStatus) ->
                    maps:merge(Status, maps:with(maps:keys(Status), NewStatus));
                _ ->
                    Status#{'EXIT' => atom_to_list(Mod) ++ ":format_status/1 returned a non-map"}
            catch
                throw:Result when is_map(Result) ->
                    maps:merge(Status, maps:with(maps:keys(Status), Result));
                _:_ ->
                    Status#{'EXIT' => atom_to_list(Mod) ++ ":format_status/1 crashed"}
            end;
        {false, true} when is_list(Args) ->
            try Mod:format_status(Opt, Args) of
                Result -> Status#{'$status' => Result}
            catch
                throw:Result -> Status#{'$status' => Result};
                _:_ -> Status#{'EXIT' => atom_to_list(Mod) ++ ":format_status/2 crashed"}
            end;
        _ ->
            Status
    end.
