%% application_controller: the registered gen_server behind the application module, started on
%% first use. It holds every loaded application's keys and environment and the running ones
%% (newest first), each with its master: a process that is the group leader of everything the
%% application starts, calls Mod:start/2, traps the top process's exit and calls Mod:stop/1.
%% When an application's top process exits, the master reports it; the controller prints the
%% "application: ... exited: ..." report and, for a permanent application (or a transient one
%% that exits abnormally), stops the node as erl does ("Kernel pid terminated", status 1).
-module(application_controller).
-behaviour(gen_server).

-export([ensure_started/0, descriptor/1]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2, terminate/2, code_change/3]).
-export([master/5]).

%% loaded: #{App => Keys (a proplist of every key)}; running: [{App, Type, Master}], newest
%% first (Master is undefined for an application without a mod); starting: #{App => {From,
%% Master}};
%% stopping: #{Master => {From, App, Type}}; env: set_env/3 values of applications not loaded.
-record(state, {loaded = #{}, running = [], starting = #{}, stopping = #{}, env = #{}}).

%% The running kernel and stdlib of an OTP 25.2.3 node, as which_applications/0 shows them.
-define(BOOT_APPS, [{stdlib, "ERTS  CXC 138 10", "4.2"}, {kernel, "ERTS  CXC 138 10", "8.5.3"}]).

ensure_started() ->
    case whereis(?MODULE) of
        undefined ->
            case gen_server:start({local, ?MODULE}, ?MODULE, [], []) of
                {ok, Pid} -> Pid;
                {error, {already_started, Pid}} -> Pid
            end;
        Pid ->
            Pid
    end.

%% The {application, Name, Keys} term of App: App itself when it is one, else the contents of
%% App.app in the first code path directory that has it.
descriptor({application, _, _} = Descr) ->
    {ok, Descr};
descriptor(App) when is_atom(App) ->
    File = atom_to_list(App) ++ ".app",
    find_app_file(code:get_path(), File, App);
descriptor(_) ->
    {error, badarg}.

find_app_file([], File, _App) ->
    {error, {"no such file or directory", File}};
find_app_file([Dir | Dirs], File, App) ->
    case file:consult(filename(Dir, File)) of
        {ok, [{application, App, Keys}]} when is_list(Keys) ->
            {ok, {application, App, Keys}};
        {ok, Other} ->
            {error, {bad_application, Other}};
        {error, enoent} ->
            find_app_file(Dirs, File, App);
        {error, Reason} ->
            {error, {Reason, File}}
    end.

filename(".", File) -> File;
filename(Dir, File) -> Dir ++ "/" ++ File.

%% ---- the server ----

init([]) ->
    process_flag(trap_exit, true),
    Boot = maps:from_list([{A, normalise(A, [{description, D}, {vsn, V}])}
                           || {A, D, V} <- ?BOOT_APPS]),
    {ok, #state{loaded = Boot,
                running = [{A, permanent, undefined} || {A, _, _} <- ?BOOT_APPS]}}.

handle_call({is_loaded, App}, _From, S) ->
    {reply, maps:is_key(App, S#state.loaded), S};
handle_call({load, {application, App, Keys}}, _From, S) ->
    case maps:is_key(App, S#state.loaded) of
        true -> {reply, {error, {already_loaded, App}}, S};
        false ->
            Keys1 = normalise(App, Keys),
            Env = lists:foldl(fun({K, V}, E) -> lists:keystore(K, 1, E, {K, V}) end,
                              maps:get(App, S#state.env, []), key(env, Keys1)),
            Loaded = maps:put(App, lists:keystore(env, 1, Keys1, {env, Env}), S#state.loaded),
            {reply, ok, S#state{loaded = Loaded, env = maps:remove(App, S#state.env)}}
    end;
handle_call({unload, App}, _From, S) ->
    case {maps:is_key(App, S#state.loaded), running(App, S)} of
        {false, _} -> {reply, {error, {not_loaded, App}}, S};
        {true, false} -> {reply, ok, S#state{loaded = maps:remove(App, S#state.loaded)}};
        {true, _} -> {reply, {error, {running, App}}, S}
    end;
handle_call({start, App, Type}, From, S) ->
    Keys = maps:get(App, S#state.loaded),
    Missing = [D || D <- key(applications, Keys), running(D, S) =:= false],
    case {running(App, S), maps:is_key(App, S#state.starting), Missing} of
        {{_, _, _}, _, _} ->
            {reply, {error, {already_started, App}}, S};
        {false, true, _} ->
            {reply, {error, {already_started, App}}, S};
        {false, false, [Dep | _]} ->
            {reply, {error, {not_started, Dep}}, S};
        {false, false, []} ->
            case key(mod, Keys) of
                {Mod, Args} ->
                    Master = proc_lib:spawn_link(?MODULE, master, [self(), App, Type, Mod, Args]),
                    {noreply, S#state{starting = maps:put(App, {From, Master}, S#state.starting)}};
                [] ->
                    {reply, ok, S#state{running = [{App, Type, undefined} | S#state.running]}}
            end
    end;
handle_call({stop, App}, From, S) ->
    case running(App, S) of
        false ->
            {reply, {error, {not_started, App}}, S};
        {App, Type, Master} ->
            Running = lists:keydelete(App, 1, S#state.running),
            case Master of
                undefined ->
                    exited(App, stopped, Type),
                    {reply, ok, S#state{running = Running}};
                _ ->
                    Master ! {stop, self()},
                    Stopping = maps:put(Master, {From, App, Type}, S#state.stopping),
                    {noreply, S#state{running = Running, stopping = Stopping}}
            end
    end;
handle_call({get_all_env, App}, _From, S) ->
    case maps:find(App, S#state.loaded) of
        {ok, Keys} -> {reply, key(env, Keys), S};
        error -> {reply, maps:get(App, S#state.env, []), S}
    end;
handle_call({set_env, App, Key, Value}, _From, S) ->
    {reply, ok, update_env(App, fun(Env) -> lists:keystore(Key, 1, Env, {Key, Value}) end, S)};
handle_call({unset_env, App, Key}, _From, S) ->
    {reply, ok, update_env(App, fun(Env) -> lists:keydelete(Key, 1, Env) end, S)};
handle_call({get_all_key, App}, _From, S) ->
    case maps:find(App, S#state.loaded) of
        {ok, Keys} -> {reply, {ok, Keys}, S};
        error -> {reply, undefined, S}
    end;
handle_call({application_of_master, Pid}, _From, S) ->
    Starting = [A || {A, {_, M}} <- maps:to_list(S#state.starting), M =:= Pid],
    case Starting ++ [A || {A, _, M} <- S#state.running, M =:= Pid, M =/= undefined] of
        [App | _] -> {reply, {ok, App}, S};
        [] -> {reply, undefined, S}
    end;
handle_call({application_of_module, Module}, _From, S) ->
    Apps = lists:sort([A || {A, Keys} <- maps:to_list(S#state.loaded),
                            lists:member(Module, key(modules, Keys))]),
    case Apps of
        [App | _] -> {reply, {ok, App}, S};
        [] -> {reply, undefined, S}
    end;
handle_call({start_type, App}, _From, S) ->
    case running(App, S) of
        {App, _, _} -> {reply, normal, S};
        false -> {reply, undefined, S}
    end;
handle_call(which_applications, _From, S) ->
    {reply, [info(A, S) || {A, _, _} <- S#state.running], S};
handle_call(loaded_applications, _From, S) ->
    {reply, [info(A, S) || A <- lists:sort(maps:keys(S#state.loaded))], S}.

handle_cast(_Msg, S) ->
    {noreply, S}.

%% A master's start finished, or a running application's top process exited.
handle_info({started, App, Type, Master, Result}, S) ->
    {{From, Master}, Starting} = maps:take(App, S#state.starting),
    gen_server:reply(From, Result),
    Running = case Result of
                  ok -> [{App, Type, Master} | S#state.running];
                  _ -> S#state.running
              end,
    {noreply, S#state{starting = Starting, running = Running}};
handle_info({'EXIT', Master, Reason}, S) ->
    case maps:take(Master, S#state.stopping) of
        {{From, App, Type}, Stopping} ->
            exited(App, stopped, Type),
            gen_server:reply(From, ok),
            {noreply, S#state{stopping = Stopping}};
        error ->
            master_exited(Master, Reason, S)
    end;
handle_info(_Other, S) ->
    {noreply, S}.

%% The master of a running application exits with its top process's reason.
master_exited(Master, Reason, S) ->
    case lists:keyfind(Master, 3, S#state.running) of
        {App, Type, Master} ->
            exited(App, Reason, Type),
            S1 = S#state{running = lists:keydelete(App, 1, S#state.running)},
            case Type =:= permanent orelse (Type =:= transient andalso Reason =/= normal) of
                true -> node_terminates(App, Reason);
                false -> {noreply, S1}
            end;
        false ->
            {noreply, S}
    end.

terminate(_Reason, _S) ->
    ok.

code_change(_OldVsn, S, _Extra) ->
    {ok, S}.

%% ---- the master of one application ----

%% Runs Mod:start(normal, Args) as the group leader of the application, tells the controller
%% how it went, then waits for the top process to exit or for a stop request.
master(Controller, App, Type, Mod, Args) ->
    process_flag(trap_exit, true),
    group_leader(self(), self()),
    case catch Mod:start(normal, Args) of
        {ok, Top} when is_pid(Top) ->
            Controller ! {started, App, Type, self(), ok},
            master_loop(App, Mod, Top, []);
        {ok, Top, State} when is_pid(Top) ->
            Controller ! {started, App, Type, self(), ok},
            master_loop(App, Mod, Top, State);
        {error, Reason} ->
            Controller ! {started, App, Type, self(), {error, {Reason, {Mod, start, [normal, Args]}}}},
            exited(App, {Reason, {Mod, start, [normal, Args]}}, Type);
        {'EXIT', Reason} ->
            Controller ! {started, App, Type, self(), {error, {Reason, {Mod, start, [normal, Args]}}}},
            exited(App, {Reason, {Mod, start, [normal, Args]}}, Type);
        Other ->
            Controller ! {started, App, Type, self(), {error, {bad_return, {{Mod, start, [normal, Args]}, Other}}}}
    end.

master_loop(App, Mod, Top, State) ->
    receive
        {stop, _Controller} ->
            exit(Top, shutdown),
            receive {'EXIT', Top, _} -> ok end,
            catch Mod:stop(State),
            exit(normal);
        {'EXIT', Top, Reason} ->
            catch Mod:stop(State),
            exit(Reason);
        _Other ->
            master_loop(App, Mod, Top, State)
    end.

%% ---- helpers ----

exited(App, Reason, Type) ->
    error_logger:info_report([{application, App}, {exited, Reason}, {type, Type}]).

%% As erl when a permanent application stops: the node goes down with status 1, after the
%% emulator's two lines (the first on standard output, as erlang:display/1 writes it).
node_terminates(App, Reason) ->
    Text = lists:flatten(io_lib:format("~w", [{application_terminated, App, Reason}])),
    erlang:display({"Kernel pid terminated", ?MODULE, Text}),
    io:format(standard_error, "Kernel pid terminated (~w) (~s)~n~n", [?MODULE, Text]),
    erlang:halt(1).

running(App, S) ->
    lists:keyfind(App, 1, S#state.running).

info(App, S) ->
    Keys = maps:get(App, S#state.loaded),
    {App, key(description, Keys), key(vsn, Keys)}.

key(K, Keys) ->
    {K, V} = lists:keyfind(K, 1, Keys),
    V.

update_env(App, F, S) ->
    case maps:find(App, S#state.loaded) of
        {ok, Keys} ->
            Env = F(key(env, Keys)),
            S#state{loaded = maps:put(App, lists:keystore(env, 1, Keys, {env, Env}),
                                      S#state.loaded)};
        error ->
            S#state{env = maps:put(App, F(maps:get(App, S#state.env, [])), S#state.env)}
    end.

%% Every key get_all_key/1 lists, in OTP's order, with OTP's defaults.
normalise(_App, Keys) ->
    Defaults = [{description, []}, {id, []}, {vsn, []}, {modules, []}, {maxP, infinity},
                {maxT, infinity}, {registered, []}, {included_applications, []},
                {optional_applications, []}, {applications, []}, {env, []}, {mod, []},
                {start_phases, undefined}],
    [case lists:keyfind(K, 1, Keys) of
         {K, V} -> {K, V};
         false -> {K, D}
     end || {K, D} <- Defaults].
