%% application: OTP 25's application API on krarup. Applications are described by
%% {application, Name, Keys} terms, from Name.app files on the code path (code:get_path/0: the
%% directories of the program's files) or given to load/1 directly. The state lives in the
%% application_controller process (application_controller.erl), started on first use; kernel
%% and stdlib count as loaded and started from the beginning, as on a booted erl node.
-module(application).

-export([load/1, load/2, unload/1, start/1, start/2, stop/1, ensure_started/1,
         ensure_started/2, ensure_all_started/1, ensure_all_started/2, get_env/1, get_env/2,
         get_env/3, get_all_env/0, get_all_env/1, set_env/3, set_env/4, unset_env/2,
         unset_env/3, get_key/1, get_key/2, get_all_key/0, get_all_key/1,
         get_application/0, get_application/1, which_applications/0,
         which_applications/1, loaded_applications/0, start_type/0]).

load(App) -> load(App, []).

load(App, _Distributed) when is_atom(App) ->
    case call({is_loaded, App}) of
        true -> {error, {already_loaded, App}};
        false -> load_descriptor(App)
    end;
load(App, _Distributed) ->
    load_descriptor(App).

load_descriptor(App) ->
    case application_controller:descriptor(App) of
        {ok, Descr} -> call({load, Descr});
        {error, _} = E -> E
    end.

unload(App) -> call({unload, App}).

start(App) -> start(App, temporary).

start(App, Type) when Type =:= temporary; Type =:= transient; Type =:= permanent ->
    case ensure_loaded(App) of
        ok -> call({start, App, Type});
        {error, _} = E -> E
    end.

stop(App) -> call({stop, App}).

ensure_started(App) -> ensure_started(App, temporary).

ensure_started(App, Type) ->
    case start(App, Type) of
        ok -> ok;
        {error, {already_started, App}} -> ok;
        {error, _} = E -> E
    end.

ensure_all_started(App) -> ensure_all_started(App, temporary).

%% Starts App's dependencies first (depth first, in the order of its applications key);
%% {ok, Started} lists the applications this call started, in start order.
ensure_all_started(App, Type) ->
    case all_started(App, Type, []) of
        {ok, Started} -> {ok, lists:reverse(Started)};
        {error, _, Started} = E ->
            [stop(A) || A <- Started],
            {error, element(2, E)}
    end.

all_started(App, Type, Started) ->
    case ensure_loaded(App) of
        {error, Reason} ->
            {error, {App, Reason}, Started};
        ok ->
            {ok, Deps} = get_key(App, applications),
            case deps_started(Deps, Type, Started) of
                {ok, Started1} ->
                    case start(App, Type) of
                        ok -> {ok, [App | Started1]};
                        {error, {already_started, App}} -> {ok, Started1};
                        {error, Reason} -> {error, {App, Reason}, Started1}
                    end;
                Error ->
                    Error
            end
    end.

deps_started([], _Type, Started) ->
    {ok, Started};
deps_started([D | Ds], Type, Started) ->
    case all_started(D, Type, Started) of
        {ok, Started1} -> deps_started(Ds, Type, Started1);
        Error -> Error
    end.

ensure_loaded(App) ->
    case load(App) of
        ok -> ok;
        {error, {already_loaded, App}} -> ok;
        {error, _} = E -> E
    end.

get_env(Key) -> in_own_app(fun(App) -> get_env(App, Key) end, undefined).

get_env(App, Key) ->
    case lists:keyfind(Key, 1, get_all_env(App)) of
        {Key, Value} -> {ok, Value};
        false -> undefined
    end.

get_env(App, Key, Default) ->
    case get_env(App, Key) of
        {ok, Value} -> Value;
        undefined -> Default
    end.

get_all_env() -> in_own_app(fun get_all_env/1, []).

get_all_env(App) -> call({get_all_env, App}).

set_env(App, Key, Value) -> set_env(App, Key, Value, []).

set_env(App, Key, Value, _Opts) -> call({set_env, App, Key, Value}).

unset_env(App, Key) -> unset_env(App, Key, []).

unset_env(App, Key, _Opts) -> call({unset_env, App, Key}).

get_key(Key) -> in_own_app(fun(App) -> get_key(App, Key) end, undefined).

get_key(App, Key) ->
    case call({get_all_key, App}) of
        {ok, Keys} ->
            case lists:keyfind(Key, 1, Keys) of
                {Key, Value} -> {ok, Value};
                false -> undefined
            end;
        undefined ->
            undefined
    end.

get_all_key() -> in_own_app(fun get_all_key/1, []).

get_all_key(App) -> call({get_all_key, App}).

%% The application of the calling process: the one whose master is its group leader (every
%% process an application starts inherits that group leader, as on BEAM).
get_application() -> get_application(self()).

get_application(Pid) when is_pid(Pid) ->
    case erlang:process_info(Pid, group_leader) of
        {group_leader, Leader} -> call({application_of_master, Leader});
        undefined -> undefined
    end;
get_application(Module) when is_atom(Module) ->
    call({application_of_module, Module}).

which_applications() -> call(which_applications).

which_applications(_Timeout) -> which_applications().

loaded_applications() -> call(loaded_applications).

start_type() -> in_own_app(fun(App) -> call({start_type, App}) end, undefined).

in_own_app(F, Default) ->
    case get_application() of
        {ok, App} -> F(App);
        undefined -> Default
    end.

call(Request) ->
    gen_server:call(application_controller:ensure_started(), Request, infinity).
