%% supervisor: OTP 25's supervisor behaviour (a gen_server callback module): child specs, the four
%% strategies, restart intensity, shutdown, the child API and the SUPERVISOR/PROGRESS reports, plus
%% krarup's optional restart backoff (docs/supervisor.md). Written for krarup from OTP 25's documented
%% and observed behaviour; the #state and #child layouts are OTP's, as they show in results and reports.
-module(supervisor).
-behaviour(gen_server).

-export([start_link/2, start_link/3, start_child/2, restart_child/2, delete_child/2,
         terminate_child/2, which_children/1, count_children/1, check_childspecs/1,
         check_childspecs/2, get_childspec/2, get_callback_module/1]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2, terminate/2, code_change/3,
         format_status/2]).
-export([format_log/1, format_log/2]).

-callback init(Args :: term()) -> {ok, {term(), [term()]}} | ignore.

%% Field order is OTP 25's: the record shows in start_child's error tuple and in sys:get_state.
-record(child, {pid = undefined, id, mfargs, restart_type, significant, shutdown, child_type,
                modules = []}).
-record(state, {name, strategy = one_for_one, children = {[], #{}}, dynamics, intensity = 1,
                period = 5, restarts = [], dynamic_restarts = 0, auto_shutdown = never, module,
                args}).

-define(is_simple(State), (State#state.strategy =:= simple_one_for_one)).
-define(is_temporary(Child), (Child#child.restart_type =:= temporary)).
-define(is_permanent(Child), (Child#child.restart_type =:= permanent)).

%% The process-dictionary key holding the backoff settings and current delays (krarup only); kept
%% out of #state so that state prints as OTP's.
-define(BACKOFF, '$krarup_backoff').

%%% API (OTP 25 supervisor)

start_link(Mod, Args) ->
    gen_server:start_link(supervisor, {self, Mod, Args}, []).

start_link(SupName, Mod, Args) ->
    gen_server:start_link(SupName, supervisor, {SupName, Mod, Args}, []).

start_child(Supervisor, ChildSpec) ->
    call(Supervisor, {start_child, ChildSpec}).

restart_child(Supervisor, Id) ->
    call(Supervisor, {restart_child, Id}).

delete_child(Supervisor, Id) ->
    call(Supervisor, {delete_child, Id}).

terminate_child(Supervisor, Id) ->
    call(Supervisor, {terminate_child, Id}).

get_childspec(Supervisor, Id) ->
    call(Supervisor, {get_childspec, Id}).

which_children(Supervisor) ->
    call(Supervisor, which_children).

count_children(Supervisor) ->
    call(Supervisor, count_children).

call(Supervisor, Req) ->
    gen_server:call(Supervisor, Req, infinity).

check_childspecs(ChildSpecs) ->
    check_childspecs(ChildSpecs, undefined).

check_childspecs(ChildSpecs, AutoShutdown) when is_list(ChildSpecs) ->
    case check_startspec(ChildSpecs, AutoShutdown) of
        {ok, _} -> ok;
        Error -> {error, Error}
    end;
check_childspecs(X, _AutoShutdown) ->
    {error, {badarg, X}}.

%% The callback module of a running supervisor (OTP 25's get_callback_module/1, used by release
%% handling), read from its state.
get_callback_module(Pid) ->
    State = sys:get_state(Pid),
    State#state.module.

%% Retries a restart that failed, after going back to the gen_server loop (OTP's
%% try_again_restart/1): other requests are served in between.
try_again_restart(TryAgainId) ->
    gen_server:cast(self(), {try_again_restart, TryAgainId}).

%%% gen_server callbacks

init({SupName, Mod, Args}) ->
    process_flag(trap_exit, true),
    case Mod:init(Args) of
        {ok, {SupFlags, StartSpec}} ->
            case init_state(SupName, SupFlags, Mod, Args) of
                {ok, State} when ?is_simple(State) ->
                    init_dynamic(State, StartSpec);
                {ok, State} ->
                    init_children(State, StartSpec);
                Error ->
                    {stop, {supervisor_data, Error}}
            end;
        ignore ->
            ignore;
        Error ->
            {stop, {bad_return, {Mod, init, Error}}}
    end.

init_children(State, StartSpec) ->
    SupName = State#state.name,
    case check_startspec(StartSpec, State#state.auto_shutdown) of
        {ok, Children} ->
            remember_backoffs(StartSpec),
            case start_children(Children, SupName) of
                {ok, NChildren} ->
                    {ok, State#state{children = NChildren}};
                {error, NChildren, Reason} ->
                    _ = terminate_children(NChildren, SupName),
                    {stop, {shutdown, Reason}}
            end;
        Error ->
            {stop, {start_spec, Error}}
    end.

init_dynamic(State, [StartSpec]) ->
    case check_startspec([StartSpec], State#state.auto_shutdown) of
        {ok, Children} ->
            remember_backoffs([StartSpec]),
            {ok, dyn_init(State#state{children = Children})};
        Error ->
            {stop, {start_spec, Error}}
    end;
init_dynamic(_State, StartSpec) ->
    {stop, {bad_start_spec, StartSpec}}.

%% Starts the children of a list in start order. The fun of children_map answers {update, Child},
%% remove or {abort, Reason}; on abort the children started so far are returned for termination.
start_children(Children, SupName) ->
    Start =
        fun(Id, Child) ->
                case do_start_child(SupName, Child) of
                    {ok, undefined} when ?is_temporary(Child) ->
                        remove;
                    {ok, Pid} ->
                        {update, Child#child{pid = Pid}};
                    {ok, Pid, _Extra} ->
                        {update, Child#child{pid = Pid}};
                    {error, Reason} ->
                        report_error(start_error, Reason, Child, SupName),
                        {abort, {failed_to_start_child, Id, Reason}}
                end
        end,
    children_map(Start, Children).

do_start_child(SupName, Child) ->
    #child{mfargs = {M, F, Args}} = Child,
    case do_start_child_i(M, F, Args) of
        {ok, Pid} when is_pid(Pid) ->
            report_progress(Child#child{pid = Pid}, SupName),
            {ok, Pid};
        {ok, Pid, Extra} when is_pid(Pid) ->
            report_progress(Child#child{pid = Pid}, SupName),
            {ok, Pid, Extra};
        Other ->
            Other
    end.

do_start_child_i(M, F, A) ->
    case catch apply(M, F, A) of
        {ok, Pid} when is_pid(Pid) -> {ok, Pid};
        {ok, Pid, Extra} when is_pid(Pid) -> {ok, Pid, Extra};
        ignore -> {ok, undefined};
        {error, Error} -> {error, Error};
        What -> {error, What}
    end.

handle_call({start_child, EArgs}, _From, State) when ?is_simple(State) ->
    Child = get_dynamic_child(State),
    #child{mfargs = {M, F, A}} = Child,
    Args = A ++ EArgs,
    case do_start_child_i(M, F, Args) of
        {ok, undefined} ->
            {reply, {ok, undefined}, State};
        {ok, Pid} ->
            {reply, {ok, Pid}, dyn_store(Pid, Args, State)};
        {ok, Pid, Extra} ->
            {reply, {ok, Pid, Extra}, dyn_store(Pid, Args, State)};
        What ->
            {reply, What, State}
    end;
handle_call({start_child, ChildSpec}, _From, State) ->
    case check_childspec(ChildSpec, State#state.auto_shutdown) of
        {ok, Child} ->
            {Resp, NState} = handle_start_child(Child, State),
            case Resp of
                {error, _} -> ok;
                _ -> remember_backoffs([ChildSpec])
            end,
            {reply, Resp, NState};
        What ->
            {reply, {error, What}, State}
    end;
handle_call({terminate_child, Id}, _From, State) when not is_pid(Id), ?is_simple(State) ->
    {reply, {error, simple_one_for_one}, State};
handle_call({terminate_child, Id}, _From, State) ->
    case find_child(Id, State) of
        {ok, Child} ->
            do_terminate(Child, State#state.name),
            {reply, ok, del_child(Child, State)};
        error ->
            {reply, {error, not_found}, State}
    end;
handle_call({restart_child, _Id}, _From, State) when ?is_simple(State) ->
    {reply, {error, simple_one_for_one}, State};
handle_call({restart_child, Id}, _From, State) ->
    case find_child(Id, State) of
        {ok, Child} when Child#child.pid =:= undefined ->
            case do_start_child(State#state.name, Child) of
                {ok, Pid} ->
                    {reply, {ok, Pid}, set_pid(Pid, Id, State)};
                {ok, Pid, Extra} ->
                    {reply, {ok, Pid, Extra}, set_pid(Pid, Id, State)};
                Error ->
                    {reply, Error, State}
            end;
        {ok, #child{pid = {restarting, _}}} ->
            {reply, {error, restarting}, State};
        {ok, _} ->
            {reply, {error, running}, State};
        _ ->
            {reply, {error, not_found}, State}
    end;
handle_call({delete_child, _Id}, _From, State) when ?is_simple(State) ->
    {reply, {error, simple_one_for_one}, State};
handle_call({delete_child, Id}, _From, State) ->
    case find_child(Id, State) of
        {ok, Child} when Child#child.pid =:= undefined ->
            forget_backoff(Id),
            {reply, ok, remove_child(Id, State)};
        {ok, #child{pid = {restarting, _}}} ->
            {reply, {error, restarting}, State};
        {ok, _} ->
            {reply, {error, running}, State};
        _ ->
            {reply, {error, not_found}, State}
    end;
handle_call({get_childspec, Id}, _From, State) ->
    case find_child(Id, State) of
        {ok, Child} -> {reply, {ok, child_to_spec(Child)}, State};
        error -> {reply, {error, not_found}, State}
    end;
handle_call(which_children, _From, State) when ?is_simple(State) ->
    #child{child_type = CT, modules = Mods} = get_dynamic_child(State),
    Reply = dyn_map(fun({restarting, _}) -> {undefined, restarting, CT, Mods};
                       (Pid) -> {undefined, Pid, CT, Mods}
                    end, State),
    {reply, Reply, State};
handle_call(which_children, _From, State) ->
    Resp = children_to_list(
             fun(Id, #child{pid = {restarting, _}, child_type = CT, modules = Mods}) ->
                     {Id, restarting, CT, Mods};
                (Id, #child{pid = Pid, child_type = CT, modules = Mods}) ->
                     {Id, Pid, CT, Mods}
             end, State#state.children),
    {reply, Resp, State};
handle_call(count_children, _From, #state{dynamic_restarts = Restarts} = State)
  when ?is_simple(State) ->
    #child{child_type = CT} = get_dynamic_child(State),
    Sz = dyn_size(State),
    Active = Sz - Restarts,
    Reply = case CT of
                supervisor -> [{specs, 1}, {active, Active}, {supervisors, Sz}, {workers, 0}];
                worker -> [{specs, 1}, {active, Active}, {supervisors, 0}, {workers, Sz}]
            end,
    {reply, Reply, State};
handle_call(count_children, _From, State) ->
    {Specs, Active, Supers, Workers} =
        children_fold(fun(_Id, Child, Counts) -> count_child(Child, Counts) end,
                      {0, 0, 0, 0}, State#state.children),
    Reply = [{specs, Specs}, {active, Active}, {supervisors, Supers}, {workers, Workers}],
    {reply, Reply, State}.

count_child(#child{pid = Pid, child_type = Type}, {Specs, Active, Supers, Workers}) ->
    Alive = is_pid(Pid) andalso is_process_alive(Pid),
    A = case Alive of true -> 1; false -> 0 end,
    case Type of
        worker -> {Specs + 1, Active + A, Supers, Workers + 1};
        supervisor -> {Specs + 1, Active + A, Supers + 1, Workers}
    end.

handle_start_child(Child, State) ->
    case find_child(Child#child.id, State) of
        error ->
            case do_start_child(State#state.name, Child) of
                {ok, undefined} when ?is_temporary(Child) ->
                    {{ok, undefined}, State};
                {ok, Pid} ->
                    {{ok, Pid}, save_child(Child#child{pid = Pid}, State)};
                {ok, Pid, Extra} ->
                    {{ok, Pid, Extra}, save_child(Child#child{pid = Pid}, State)};
                {error, What} ->
                    {{error, {What, Child}}, State}
            end;
        {ok, OldChild} when is_pid(OldChild#child.pid) ->
            {{error, {already_started, OldChild#child.pid}}, State};
        {ok, _OldChild} ->
            {{error, already_present}, State}
    end.

handle_cast({try_again_restart, TryAgainId}, State) ->
    case find_child_and_args(TryAgainId, State) of
        {ok, Child = #child{pid = {restarting, _}}} ->
            case restart(Child, State) of
                {ok, State1} -> {noreply, State1};
                {shutdown, State1} -> {stop, shutdown, State1}
            end;
        _ ->
            {noreply, State}
    end.

handle_info({'EXIT', Pid, Reason}, State) ->
    case restart_child(Pid, Reason, State) of
        {ok, State1} -> {noreply, State1};
        {shutdown, State1} -> {stop, shutdown, State1}
    end;
handle_info({timeout, _Ref, {?BACKOFF, Key}}, State) ->
    %% A delayed restart is due (krarup's backoff): the child is still marked restarting.
    case find_child_and_args(Key, State) of
        {ok, Child = #child{pid = {restarting, _}}} ->
            case restart(Child, State) of
                {ok, State1} -> {noreply, State1};
                {shutdown, State1} -> {stop, shutdown, State1}
            end;
        _ ->
            {noreply, State}
    end;
handle_info(Msg, State) ->
    logger:error("Supervisor received unexpected message: ~tp~n", [Msg],
                 #{domain => [otp], error_logger => #{tag => error}}),
    {noreply, State}.

terminate(_Reason, State) when ?is_simple(State) ->
    terminate_dynamic_children(State);
terminate(_Reason, State) ->
    terminate_children(State#state.children, State#state.name).

code_change(_, State, _) ->
    case (State#state.module):init(State#state.args) of
        {ok, {SupFlags, StartSpec}} ->
            case set_flags(SupFlags, State) of
                {ok, State1} ->
                    update_childspecs(StartSpec, State1);
                Error ->
                    {error, Error}
            end;
        ignore ->
            {ok, State};
        Error ->
            Error
    end.

update_childspecs(StartSpec, State) when ?is_simple(State) ->
    case check_startspec(StartSpec, State#state.auto_shutdown) of
        {ok, {[_], _} = Children} -> {ok, State#state{children = Children}};
        {ok, _} -> {error, {bad_start_spec, StartSpec}};
        Error -> {error, Error}
    end;
update_childspecs(StartSpec, State) ->
    case check_startspec(StartSpec, State#state.auto_shutdown) of
        {ok, {_, NewDb}} ->
            {Ids, Db} = State#state.children,
            Db1 = maps:map(fun(Id, Old) ->
                                   case maps:find(Id, NewDb) of
                                       {ok, New} -> New#child{pid = Old#child.pid};
                                       error -> Old
                                   end
                           end, Db),
            {ok, State#state{children = {Ids, Db1}}};
        Error ->
            {error, Error}
    end.

format_status(terminate, [_PDict, State]) ->
    State;
format_status(_, [_PDict, State]) ->
    [{data, [{"State", State}]}, {supervisor, [{"Callback", State#state.module}]}].

%%% Restarting

restart_child(Pid, Reason, State) when ?is_simple(State) ->
    case find_dynamic_child(Pid, State) of
        {ok, Child} -> do_restart(Reason, Child, State);
        error -> {ok, State}
    end;
restart_child(Pid, Reason, State) ->
    case find_child_by_pid(Pid, State) of
        {ok, Child} -> do_restart(Reason, Child, State);
        error -> {ok, State}
    end.

do_restart(Reason, Child, State) when ?is_permanent(Child) ->
    report_error(child_terminated, Reason, Child, State#state.name),
    delayed_restart(Child, State);
do_restart(normal, Child, State) ->
    do_auto_shutdown(Child, del_child(Child, State));
do_restart(shutdown, Child, State) ->
    do_auto_shutdown(Child, del_child(Child, State));
do_restart({shutdown, _Term}, Child, State) ->
    do_auto_shutdown(Child, del_child(Child, State));
do_restart(Reason, Child, State) when Child#child.restart_type =:= transient ->
    report_error(child_terminated, Reason, Child, State#state.name),
    delayed_restart(Child, State);
do_restart(Reason, Child, State) ->
    report_error(child_terminated, Reason, Child, State#state.name),
    do_auto_shutdown(Child, del_child(Child, State)).

do_auto_shutdown(_Child, State = #state{auto_shutdown = never}) ->
    {ok, State};
do_auto_shutdown(Child, State) when Child#child.significant =/= true ->
    {ok, State};
do_auto_shutdown(_Child, State = #state{auto_shutdown = any_significant}) ->
    {shutdown, State};
do_auto_shutdown(_Child, State) when ?is_simple(State) ->
    case dyn_size(State) of
        0 -> {shutdown, State};
        _ -> {ok, State}
    end;
do_auto_shutdown(_Child, State) ->
    Alive = children_fold(fun(_, #child{pid = undefined}, Acc) -> Acc;
                             (_, #child{significant = true}, _) -> true;
                             (_, _, Acc) -> Acc
                          end, false, State#state.children),
    case Alive of
        true -> {ok, State};
        false -> {shutdown, State}
    end.

%% krarup's backoff: when the child has a backoff setting whose current delay is above zero, the
%% restart waits for a timer (the child shows as restarting); otherwise it is immediate, as OTP's.
delayed_restart(Child, State) ->
    Key = backoff_key(Child, State),
    case backoff_delay(Key, Child) of
        0 ->
            restart(Child, State);
        Delay ->
            NState = mark_restarting(Child, State),
            _ = erlang:start_timer(Delay, self(), {?BACKOFF, restart_key(Child, State)}),
            {ok, NState}
    end.

restart(Child, State) ->
    case add_restart(State) of
        {ok, NState} ->
            case restart(NState#state.strategy, Child, NState) of
                {{try_again, TryAgainId}, NState2} ->
                    %% Back to the gen_server loop before retrying, so that other requests
                    %% (a shutdown of the supervisor, say) are served in between.
                    retry_restart(TryAgainId, Child, NState2),
                    {ok, NState2};
                Other ->
                    Other
            end;
        {terminate, NState} ->
            report_error(shutdown, reached_max_restart_intensity, Child, State#state.name),
            {shutdown, del_child(Child, NState)}
    end.

retry_restart(TryAgainId, Child, State) ->
    case backoff_delay(backoff_key(Child, State), Child) of
        0 -> try_again_restart(TryAgainId);
        Delay -> _ = erlang:start_timer(Delay, self(), {?BACKOFF, TryAgainId}), ok
    end.

restart(simple_one_for_one, Child, State0) ->
    #child{pid = OldPid, mfargs = {M, F, A}} = Child,
    State1 = case OldPid of
                 {restarting, _} ->
                     State0#state{dynamic_restarts = State0#state.dynamic_restarts - 1};
                 _ ->
                     State0
             end,
    State2 = dyn_erase(OldPid, State1),
    case do_start_child_i(M, F, A) of
        {ok, undefined} ->
            {ok, State2};
        {ok, Pid} ->
            backoff_started(Pid, OldPid),
            {ok, dyn_store(Pid, A, State2)};
        {ok, Pid, _Extra} ->
            backoff_started(Pid, OldPid),
            {ok, dyn_store(Pid, A, State2)};
        {error, Error} ->
            ROldPid = restarting(OldPid),
            State3 = State2#state{dynamic_restarts = State2#state.dynamic_restarts + 1},
            NState = dyn_store(ROldPid, A, State3),
            report_error(start_error, Error, Child, NState#state.name),
            {{try_again, ROldPid}, NState}
    end;
restart(one_for_one, #child{id = Id} = Child, State) ->
    OldPid = Child#child.pid,
    case do_start_child(State#state.name, Child) of
        {ok, Pid} ->
            backoff_started(Pid, Id),
            {ok, set_pid(Pid, Id, State)};
        {ok, Pid, _Extra} ->
            backoff_started(Pid, Id),
            {ok, set_pid(Pid, Id, State)};
        {error, Reason} ->
            NState = set_pid(restarting(OldPid), Id, State),
            report_error(start_error, Reason, Child, State#state.name),
            {{try_again, Id}, NState}
    end;
restart(rest_for_one, #child{id = Id} = Child, #state{name = SupName} = State) ->
    {ChAfter, ChBefore} = split_child(Id, State#state.children),
    {Return, ChAfter2} = restart_multiple_children(Child, ChAfter, SupName),
    {Return, State#state{children = append(ChAfter2, ChBefore)}};
restart(one_for_all, Child, #state{name = SupName} = State) ->
    Children = del_child(Child, State#state.children),
    {Return, NChildren} = restart_multiple_children(Child, Children, SupName),
    {Return, State#state{children = NChildren}}.

restart_multiple_children(Child, Children, SupName) ->
    Children1 = del_child(Child, Children),
    Children2 = terminate_children(Children1, SupName),
    case start_children(Children2, SupName) of
        {ok, NChildren} ->
            backoff_started(undefined, Child#child.id),
            {ok, NChildren};
        {error, NChildren, {failed_to_start_child, FailedId, _Reason}} ->
            NewPid = case FailedId =:= Child#child.id of
                         true -> restarting(Child#child.pid);
                         false -> {restarting, undefined}
                     end,
            {{try_again, FailedId}, set_pid(NewPid, FailedId, NChildren)}
    end.

restarting(Pid) when is_pid(Pid) -> {restarting, Pid};
restarting(RPid) -> RPid.

mark_restarting(Child, State) when ?is_simple(State) ->
    #child{pid = OldPid, mfargs = {_, _, A}} = Child,
    State1 = dyn_erase(OldPid, State),
    State2 = State1#state{dynamic_restarts = State1#state.dynamic_restarts + 1},
    dyn_store(restarting(OldPid), A, State2);
mark_restarting(Child, State) ->
    set_pid(restarting(Child#child.pid), Child#child.id, State).

%% The term a delayed restart is looked up by: the id, or for simple_one_for_one the
%% {restarting, OldPid} marker the child is stored under meanwhile.
restart_key(Child, State) when ?is_simple(State) -> restarting(Child#child.pid);
restart_key(Child, _State) -> Child#child.id.

%% Intensity (OTP 25's add_restart): stamps in whole seconds; those within Period of now are kept.
add_restart(State) ->
    I = State#state.intensity,
    P = State#state.period,
    R = State#state.restarts,
    Now = erlang:monotonic_time(1),
    R1 = add_restart(R, Now, P),
    State1 = State#state{restarts = R1},
    case length(R1) of
        CurI when CurI =< I -> {ok, State1};
        _ -> {terminate, State1}
    end.

add_restart(Restarts0, Now, Period) ->
    Threshold = Now - Period,
    [Now | recent_restarts(Restarts0, Threshold)].

%% The leading stamps >= Threshold (lists:takewhile/2 without a fun call per stamp).
recent_restarts([R | Rs], Threshold) when R >= Threshold -> [R | recent_restarts(Rs, Threshold)];
recent_restarts(_, _Threshold) -> [].

%%% Termination

do_terminate(Child, SupName) when is_pid(Child#child.pid) ->
    case shutdown(Child) of
        ok -> ok;
        {error, normal} when not ?is_permanent(Child) -> ok;
        {error, OtherReason} -> report_error(shutdown_error, OtherReason, Child, SupName)
    end,
    ok;
do_terminate(_Child, _SupName) ->
    ok.

shutdown(#child{pid = Pid, shutdown = brutal_kill} = Child) ->
    Mon = monitor(process, Pid),
    exit(Pid, kill),
    receive
        {'DOWN', Mon, process, Pid, Reason0} ->
            case unlink_flush(Pid, Reason0) of
                killed -> ok;
                Reason -> shutdown_result(Reason, Child)
            end
    end;
shutdown(#child{pid = Pid, shutdown = Time} = Child) ->
    Mon = monitor(process, Pid),
    exit(Pid, shutdown),
    receive
        {'DOWN', Mon, process, Pid, Reason0} ->
            case unlink_flush(Pid, Reason0) of
                shutdown -> ok;
                Reason -> shutdown_result(Reason, Child)
            end
    after Time ->
            exit(Pid, kill),
            receive
                {'DOWN', Mon, process, Pid, Reason0} ->
                    case unlink_flush(Pid, Reason0) of
                        shutdown -> ok;
                        Reason -> shutdown_result(Reason, Child)
                    end
            end
    end.

shutdown_result(shutdown, Child) when not ?is_permanent(Child) -> ok;
shutdown_result({shutdown, _}, Child) when not ?is_permanent(Child) -> ok;
shutdown_result(normal, Child) when not ?is_permanent(Child) -> ok;
shutdown_result(Reason, _Child) -> {error, Reason}.

%% The 'EXIT' of a linked child is taken out of the mailbox once the child is known to be dead
%% (unlink makes sure it has arrived); its reason wins over the monitor's.
unlink_flush(Pid, DefaultReason) ->
    unlink(Pid),
    receive
        {'EXIT', Pid, Reason} -> Reason
    after 0 ->
            DefaultReason
    end.

%% Terminates children in stored order (newest first, so in reverse start order); temporary
%% children are removed, the others kept with pid undefined.
terminate_children(Children, SupName) ->
    Terminate =
        fun(_Id, Child) when ?is_temporary(Child) ->
                _ = do_terminate(Child, SupName),
                remove;
           (_Id, Child) ->
                _ = do_terminate(Child, SupName),
                {update, Child#child{pid = undefined}}
        end,
    {ok, NChildren} = children_map(Terminate, Children),
    NChildren.

%% simple_one_for_one: all children are sent the shutdown signal at once, then waited for.
terminate_dynamic_children(State) ->
    Child = get_dynamic_child(State),
    Pids = dyn_fold(fun({restarting, _}, Acc) -> Acc; (P, Acc) -> [P | Acc] end, [], State),
    Mons = [{P, monitor(process, P)} || P <- Pids],
    Sig = case Child#child.shutdown of
              brutal_kill -> kill;
              _ -> shutdown
          end,
    [exit(P, Sig) || P <- Pids],
    TRef = case Child#child.shutdown of
               T when is_integer(T) -> erlang:start_timer(T, self(), kill);
               _ -> undefined
           end,
    Errors = wait_dynamic_children(Child, Mons, TRef, #{}),
    cancel_timer(TRef),
    maps:fold(fun(Reason, Ps, _) ->
                      report_error(shutdown_error, Reason, Child#child{pid = Ps},
                                   State#state.name)
              end, ok, Errors),
    ok.

wait_dynamic_children(_Child, [], _TRef, Errors) ->
    Errors;
wait_dynamic_children(Child, Mons, TRef, Errors) ->
    receive
        {'DOWN', Mon, process, Pid, Reason0} ->
            case lists:keytake(Pid, 1, Mons) of
                {value, {Pid, Mon}, Rest} ->
                    Reason = unlink_flush(Pid, Reason0),
                    Ok = case {Child#child.shutdown, Reason} of
                             {brutal_kill, killed} -> ok;
                             {brutal_kill, _} -> shutdown_result(Reason, Child);
                             {_, shutdown} -> ok;
                             {_, _} -> shutdown_result(Reason, Child)
                         end,
                    Errors1 = case Ok of
                                  ok -> Errors;
                                  {error, normal} when not ?is_permanent(Child) -> Errors;
                                  {error, R} -> maps:update_with(R, fun(L) -> [Pid | L] end,
                                                                 [Pid], Errors)
                              end,
                    wait_dynamic_children(Child, Rest, TRef, Errors1);
                false ->
                    wait_dynamic_children(Child, Mons, TRef, Errors)
            end;
        {timeout, TRef, kill} ->
            [exit(P, kill) || {P, _} <- Mons],
            wait_dynamic_children(Child, Mons, TRef, Errors)
    end.

cancel_timer(undefined) -> ok;
cancel_timer(TRef) ->
    case erlang:cancel_timer(TRef) of
        false -> receive {timeout, TRef, kill} -> ok after 0 -> ok end;
        _ -> ok
    end.

%%% The children: {Ids, Db} with Ids newest first (reverse start order), Db Id => #child{}

children_map(Fun, {Ids, Db}) ->
    children_map(Fun, Ids, Db, []).

children_map(Fun, [Id | Ids], Db, Acc) ->
    case Fun(Id, maps:get(Id, Db)) of
        {update, Child} ->
            children_map(Fun, Ids, Db#{Id => Child}, [Id | Acc]);
        remove ->
            children_map(Fun, Ids, maps:remove(Id, Db), Acc);
        {abort, Reason} ->
            {error, {lists:reverse(Ids) ++ [Id | Acc], Db}, Reason}
    end;
children_map(_Fun, [], Db, Acc) ->
    {ok, {Acc, Db}}.

children_to_list(Fun, {Ids, Db}) ->
    [Fun(Id, maps:get(Id, Db)) || Id <- Ids].

children_fold(Fun, Init, {Ids, Db}) ->
    lists:foldl(fun(Id, Acc) -> Fun(Id, maps:get(Id, Db), Acc) end, Init, Ids).

append({Ids1, Db1}, {Ids2, Db2}) ->
    {Ids1 ++ Ids2, maps:merge(Db1, Db2)}.

split_child(Id, {Ids, Db}) ->
    {IdsAfter, IdsBefore} = split_ids(Id, Ids, []),
    DbAfter = maps:with(IdsAfter, Db),
    {{IdsAfter, DbAfter}, {IdsBefore, maps:without(IdsAfter, Db)}}.

split_ids(Id, [Id | Ids], After) ->
    {lists:reverse([Id | After]), Ids};
split_ids(Id, [Other | Ids], After) ->
    split_ids(Id, Ids, [Other | After]).

%% As OTP, a temporary child added by start_child keeps no start arguments (it is never restarted).
save_child(#child{restart_type = temporary, mfargs = {M, F, _}} = Child, State) ->
    save_child1(Child#child{mfargs = {M, F, undefined}}, State);
save_child(Child, State) ->
    save_child1(Child, State).

save_child1(#child{id = Id} = Child, #state{children = {Ids, Db}} = State) ->
    State#state{children = {[Id | Ids], Db#{Id => Child}}}.

del_child(#child{pid = Pid}, State) when is_record(State, state), ?is_simple(State) ->
    forget_backoff(case Pid of {restarting, P} -> P; P -> P end),
    dyn_erase(Pid, State);
del_child(Child, State) when is_record(State, state) ->
    State#state{children = del_child(Child, State#state.children)};
del_child(#child{id = Id, restart_type = temporary}, {Ids, Db}) ->
    {lists:delete(Id, Ids), maps:remove(Id, Db)};
del_child(#child{id = Id}, {Ids, Db}) ->
    Child = maps:get(Id, Db),
    {Ids, Db#{Id => Child#child{pid = undefined}}}.

remove_child(Id, #state{children = {Ids, Db}} = State) ->
    State#state{children = {lists:delete(Id, Ids), maps:remove(Id, Db)}}.

set_pid(Pid, Id, #state{children = Children} = State) ->
    State#state{children = set_pid(Pid, Id, Children)};
set_pid(Pid, Id, {Ids, Db}) ->
    Child = maps:get(Id, Db),
    {Ids, Db#{Id => Child#child{pid = Pid}}}.

%% simple_one_for_one: a child is found by pid and answers with the spec's own start arguments
%% (get_childspec shows them); a dead pid finds the spec, so terminating it again is ok.
find_child(Pid, State) when is_pid(Pid), ?is_simple(State) ->
    Child = get_dynamic_child(State),
    case dyn_args(Pid, State) of
        {ok, _} ->
            {ok, Child#child{pid = Pid}};
        error ->
            case dyn_args(restarting(Pid), State) of
                {ok, _} ->
                    {ok, Child#child{pid = restarting(Pid)}};
                error ->
                    case erlang:is_process_alive(Pid) of
                        true -> error;
                        false -> {ok, Child}
                    end
            end
    end;
%% A static supervisor finds children by id only (a pid is not looked up, as in OTP 25).
find_child(Id, #state{children = {_Ids, Db}}) ->
    maps:find(Id, Db).

find_child_by_pid(Pid, #state{children = {Ids, Db}}) ->
    Pred = fun(Id) -> (maps:get(Id, Db))#child.pid =:= Pid end,
    case lists:filter(Pred, Ids) of
        [Id | _] -> {ok, maps:get(Id, Db)};
        [] -> error
    end.

find_child_and_args(IdOrPid, State) when ?is_simple(State) ->
    case find_dynamic_child(IdOrPid, State) of
        {ok, Child} -> {ok, Child};
        error -> error
    end;
find_child_and_args(Id, #state{children = {_Ids, Db}}) ->
    maps:find(Id, Db).

find_dynamic_child(Pid, State) ->
    case dyn_args(Pid, State) of
        {ok, Args} ->
            Child = get_dynamic_child(State),
            {M, F, _} = Child#child.mfargs,
            {ok, Child#child{pid = Pid, mfargs = {M, F, Args}}};
        error ->
            error
    end.

get_dynamic_child(#state{children = {[Id], Db}}) ->
    maps:get(Id, Db).

child_to_spec(#child{id = Id, mfargs = Func, restart_type = RestartType,
                     significant = Significant, shutdown = Shutdown, child_type = ChildType,
                     modules = Mods}) ->
    #{id => Id, start => Func, restart => RestartType, significant => Significant,
      shutdown => Shutdown, type => ChildType, modules => Mods}.

%%% simple_one_for_one children: {maps, Pid => Args} (the args are kept to restart with), or
%%% for temporary children, which are never restarted, {mapsets, Pid => []} as OTP.

dyn_init(State) ->
    Kind = case get_dynamic_child(State) of
               #child{restart_type = temporary} -> mapsets;
               _ -> maps
           end,
    State#state{dynamics = {Kind, #{}}}.

dyn_size(#state{dynamics = {_, Db}}) -> maps:size(Db).

dyn_erase(Pid, #state{dynamics = {Kind, Db}} = State) ->
    State#state{dynamics = {Kind, maps:remove(Pid, Db)}}.

dyn_store(Pid, _Args, #state{dynamics = {mapsets, Db}} = State) ->
    State#state{dynamics = {mapsets, Db#{Pid => []}}};
dyn_store(Pid, Args, #state{dynamics = {maps, Db}} = State) ->
    State#state{dynamics = {maps, Db#{Pid => Args}}}.

dyn_args(Pid, #state{dynamics = {mapsets, Db}}) ->
    case maps:is_key(Pid, Db) of
        true -> {ok, undefined};
        false -> error
    end;
dyn_args(Pid, #state{dynamics = {maps, Db}}) ->
    maps:find(Pid, Db).

dyn_fold(Fun, Init, #state{dynamics = {_, Db}}) ->
    maps:fold(fun(Pid, _, Acc) -> Fun(Pid, Acc) end, Init, Db).

dyn_map(Fun, #state{dynamics = {_, Db}}) ->
    lists:map(Fun, maps:keys(Db)).

%%% Checking flags and child specs (OTP 25's results)

init_state(SupName, Flags, Mod, Args) ->
    set_flags(Flags, #state{name = supname(SupName, Mod), module = Mod, args = Args}).

set_flags(Flags, State) ->
    try check_flags(Flags) of
        #{strategy := Strategy, intensity := MaxIntensity, period := Period,
          auto_shutdown := AutoShutdown} ->
            remember_default_backoff(Flags),
            {ok, State#state{strategy = Strategy, intensity = MaxIntensity, period = Period,
                             auto_shutdown = AutoShutdown}}
    catch
        Thrown -> Thrown
    end.

check_flags(SupFlags) when is_map(SupFlags) ->
    do_check_flags(maps:merge(#{strategy => one_for_one, intensity => 1, period => 5,
                                auto_shutdown => never}, SupFlags));
check_flags({Strategy, MaxIntensity, Period}) ->
    check_flags(#{strategy => Strategy, intensity => MaxIntensity, period => Period,
                  auto_shutdown => never});
check_flags(What) ->
    throw({invalid_type, What}).

do_check_flags(#{strategy := Strategy, intensity := MaxIntensity, period := Period,
                 auto_shutdown := AutoShutdown} = Flags) ->
    valid_strategy(Strategy),
    valid_intensity(MaxIntensity),
    valid_period(Period),
    valid_auto_shutdown(AutoShutdown),
    check_backoff(maps:get(backoff, Flags, undefined)),
    Flags.

valid_strategy(simple_one_for_one) -> true;
valid_strategy(one_for_one) -> true;
valid_strategy(one_for_all) -> true;
valid_strategy(rest_for_one) -> true;
valid_strategy(What) -> throw({invalid_strategy, What}).

valid_intensity(Max) when is_integer(Max), Max >= 0 -> true;
valid_intensity(What) -> throw({invalid_intensity, What}).

valid_period(Period) when is_integer(Period), Period > 0 -> true;
valid_period(What) -> throw({invalid_period, What}).

valid_auto_shutdown(never) -> true;
valid_auto_shutdown(any_significant) -> true;
valid_auto_shutdown(all_significant) -> true;
valid_auto_shutdown(What) -> throw({invalid_auto_shutdown, What}).

supname(self, Mod) -> {self(), Mod};
supname(N, _) -> N.

check_startspec(Children, AutoShutdown) ->
    check_startspec(Children, [], #{}, AutoShutdown).

check_startspec([ChildSpec | T], Ids, Db, AutoShutdown) ->
    case check_childspec(ChildSpec, AutoShutdown) of
        {ok, #child{id = Id} = Child} ->
            case maps:is_key(Id, Db) of
                %% OTP keeps the old word "name" in this error.
                true -> {duplicate_child_name, Id};
                false -> check_startspec(T, [Id | Ids], Db#{Id => Child}, AutoShutdown)
            end;
        Error ->
            Error
    end;
check_startspec([], Ids, Db, _AutoShutdown) ->
    {ok, {lists:reverse(Ids), Db}}.

check_childspec(ChildSpec, AutoShutdown) when is_map(ChildSpec) ->
    catch do_check_childspec(maps:merge(#{restart => permanent, type => worker}, ChildSpec),
                             AutoShutdown);
check_childspec({Id, Func, RestartType, Shutdown, ChildType, Mods}, AutoShutdown) ->
    check_childspec(#{id => Id, start => Func, restart => RestartType, significant => false,
                      shutdown => Shutdown, type => ChildType, modules => Mods},
                    AutoShutdown);
check_childspec(X, _AutoShutdown) ->
    {invalid_child_spec, X}.

do_check_childspec(#{restart := RestartType, type := ChildType} = ChildSpec, AutoShutdown) ->
    Id = case ChildSpec of
             #{id := I} -> I;
             _ -> throw(missing_id)
         end,
    Func = case ChildSpec of
               #{start := F} -> F;
               _ -> throw(missing_start)
           end,
    ok = valid_func(Func),
    ok = valid_restart_type(RestartType),
    Significant = case ChildSpec of
                      #{significant := Signf} -> Signf;
                      _ -> false
                  end,
    ok = valid_significant(Significant, RestartType, AutoShutdown),
    ok = valid_child_type(ChildType),
    Shutdown = case ChildSpec of
                   #{shutdown := S} -> S;
                   #{type := worker} -> 5000;
                   #{type := supervisor} -> infinity
               end,
    ok = valid_shutdown(Shutdown),
    Mods = case ChildSpec of
               #{modules := Ms} -> Ms;
               _ -> {M, _, _} = Func, [M]
           end,
    ok = valid_mods(Mods),
    ok = check_backoff(maps:get(backoff, ChildSpec, undefined)),
    {ok, #child{id = Id, mfargs = Func, restart_type = RestartType, significant = Significant,
                shutdown = Shutdown, child_type = ChildType, modules = Mods}}.

valid_child_type(supervisor) -> ok;
valid_child_type(worker) -> ok;
valid_child_type(What) -> throw({invalid_child_type, What}).

valid_func({M, F, A}) when is_atom(M), is_atom(F), is_list(A) -> ok;
valid_func(Func) -> throw({invalid_mfa, Func}).

valid_restart_type(permanent) -> ok;
valid_restart_type(temporary) -> ok;
valid_restart_type(transient) -> ok;
valid_restart_type(RestartType) -> throw({invalid_restart_type, RestartType}).

valid_significant(true, _RestartType, never) ->
    throw({bad_combination, [{auto_shutdown, never}, {significant, true}]});
valid_significant(true, permanent, _AutoShutdown) ->
    throw({bad_combination, [{restart, permanent}, {significant, true}]});
valid_significant(Significant, _RestartType, _AutoShutdown) when is_boolean(Significant) ->
    ok;
valid_significant(Significant, _RestartType, _AutoShutdown) ->
    throw({invalid_significant, Significant}).

valid_shutdown(Shutdown) when is_integer(Shutdown), Shutdown >= 0 -> ok;
valid_shutdown(infinity) -> ok;
valid_shutdown(brutal_kill) -> ok;
valid_shutdown(Shutdown) -> throw({invalid_shutdown, Shutdown}).

valid_mods(dynamic) ->
    ok;
valid_mods(Mods) when is_list(Mods) ->
    lists:foreach(fun(Mod) when is_atom(Mod) -> ok;
                     (Mod) -> throw({invalid_module, Mod})
                  end, Mods);
valid_mods(Mods) ->
    throw({invalid_modules, Mods}).

%%% Restart backoff (krarup only; docs/supervisor.md). A setting is a map with optional keys
%%% min (first delay, ms, default 100), max (ceiling, ms, default 10000), factor (integer
%%% multiplier, default 2) and reset (ms a child must stay up for its delay to start over,
%%% default max). It is given as `backoff` in a child spec (that child) or in the sup flags
%%% (every child without its own); `backoff => none` in a child spec turns it off.

check_backoff(undefined) -> ok;
check_backoff(none) -> ok;
check_backoff(B) when is_map(B) ->
    case maps:fold(fun valid_backoff_key/3, ok, B) of
        ok ->
            #{min := Min, max := Max} = backoff_settings(B),
            case Min =< Max of
                true -> ok;
                false -> throw({invalid_backoff, B})
            end;
        Bad ->
            throw({invalid_backoff, Bad})
    end;
check_backoff(B) -> throw({invalid_backoff, B}).

valid_backoff_key(K, V, ok) when K =:= min; K =:= max; K =:= reset ->
    case is_integer(V) andalso V >= 0 of
        true -> ok;
        false -> {K, V}
    end;
valid_backoff_key(factor, V, ok) when is_integer(V), V >= 1 -> ok;
valid_backoff_key(K, V, ok) -> {K, V};
valid_backoff_key(_, _, Bad) -> Bad.

backoff_settings(B) ->
    Max = maps:get(max, B, 10000),
    #{min => maps:get(min, B, 100), max => Max, factor => maps:get(factor, B, 2),
      reset => maps:get(reset, B, Max)}.

backoff_table() ->
    case get(?BACKOFF) of
        undefined -> #{default => none, children => #{}, delays => #{}};
        T -> T
    end.

%% The table is only created when a backoff key is used, so a supervisor without one has OTP's
%% (empty) process dictionary, which shows in crash reports.
remember_default_backoff(#{backoff := B}) ->
    T = backoff_table(),
    put(?BACKOFF, T#{default := B}),
    ok;
remember_default_backoff(_Flags) ->
    ok.

remember_backoffs(Specs) ->
    case [{Id, B} || #{id := Id, backoff := B} <- Specs] of
        [] ->
            ok;
        New ->
            T = #{children := C} = backoff_table(),
            put(?BACKOFF, T#{children := maps:merge(C, maps:from_list(New))}),
            ok
    end.

forget_backoff(Key) ->
    case get(?BACKOFF) of
        undefined ->
            ok;
        T = #{children := C, delays := D} ->
            put(?BACKOFF, T#{children := maps:remove(Key, C), delays := maps:remove(Key, D)}),
            ok
    end.

%% The key the delay of a child is kept under: its id; for simple_one_for_one, its pid (a
%% restarted child takes over its predecessor's entry, see backoff_started/2).
backoff_key(Child, State) when ?is_simple(State) ->
    case Child#child.pid of
        {restarting, P} -> P;
        P -> P
    end;
backoff_key(Child, _State) -> Child#child.id.

child_backoff(Child) ->
    case get(?BACKOFF) of
        undefined ->
            none;
        #{default := Default, children := C} ->
            case maps:get(Child#child.id, C, Default) of
                none -> none;
                B -> backoff_settings(B)
            end
    end.

%% The delay (ms) before the next restart of a child, and records the one after it. A child
%% that stayed up for `reset` ms since its last restart starts again from zero delay.
backoff_delay(Key, Child) ->
    case child_backoff(Child) of
        none ->
            0;
        #{min := Min, max := Max, factor := Factor, reset := Reset} ->
            T = #{delays := D} = backoff_table(),
            Now = erlang:monotonic_time(millisecond),
            {Delay, Next} =
                case maps:find(Key, D) of
                    {ok, {NextDelay, Since}} when Since =/= pending, Now - Since < Reset ->
                        {NextDelay, min(Max, max(Min, NextDelay * Factor))};
                    {ok, {NextDelay, pending}} ->
                        {NextDelay, min(Max, max(Min, NextDelay * Factor))};
                    _ ->
                        {0, Min}
                end,
            put(?BACKOFF, T#{delays := D#{Key => {Next, pending}}}),
            Delay
    end.

%% A child came up: its next delay is kept, and the time its up-time is measured from is now.
backoff_started(NewPid, Key) ->
    case get(?BACKOFF) of
        undefined ->
            ok;
        T = #{delays := D} ->
            OldKey = case Key of
                         {restarting, P} -> P;
                         _ -> Key
                     end,
            case maps:find(OldKey, D) of
                {ok, {Next, _}} ->
                    NewKey = case is_pid(OldKey) of
                                 true -> NewPid;
                                 false -> OldKey
                             end,
                    D1 = maps:remove(OldKey, D),
                    Now = erlang:monotonic_time(millisecond),
                    put(?BACKOFF, T#{delays := D1#{NewKey => {Next, Now}}});
                error ->
                    ok
            end
    end.

%%% Reports (OTP 25's SUPERVISOR REPORT and PROGRESS REPORT through logger)

%% As OTP's ?LOG_ERROR and ?LOG_INFO, the report is only built when the primary level allows it.
report_error(Error, Reason, Child, SupName) ->
    case logger:allow(error, ?MODULE) of
        true -> log_error(Error, Reason, Child, SupName);
        false -> ok
    end.

log_error(Error, Reason, Child, SupName) ->
    logger:error(#{label => {supervisor, Error},
                   report => [{supervisor, SupName}, {errorContext, Error}, {reason, Reason},
                              {offender, extract_child(Child)}]},
                 #{domain => [otp, sasl], report_cb => fun supervisor:format_log/2,
                   logger_formatter => #{title => "SUPERVISOR REPORT"},
                   error_logger => #{tag => error_report, type => supervisor_report,
                                     report_cb => fun supervisor:format_log/1}}).

report_progress(Child, SupName) ->
    case logger:allow(info, ?MODULE) of
        true -> log_progress(Child, SupName);
        false -> ok
    end.

log_progress(Child, SupName) ->
    logger:info(#{label => {supervisor, progress},
                  report => [{supervisor, SupName}, {started, extract_child(Child)}]},
                #{domain => [otp, sasl], report_cb => fun supervisor:format_log/2,
                  logger_formatter => #{title => "PROGRESS REPORT"},
                  error_logger => #{tag => info_report, type => progress,
                                    report_cb => fun supervisor:format_log/1}}).

extract_child(Child) when is_list(Child#child.pid) ->
    [{nb_children, length(Child#child.pid)}, {id, Child#child.id},
     {mfargs, Child#child.mfargs}, {restart_type, Child#child.restart_type},
     {significant, Child#child.significant}, {shutdown, Child#child.shutdown},
     {child_type, Child#child.child_type}];
extract_child(Child) ->
    [{pid, Child#child.pid}, {id, Child#child.id}, {mfargs, Child#child.mfargs},
     {restart_type, Child#child.restart_type}, {significant, Child#child.significant},
     {shutdown, Child#child.shutdown}, {child_type, Child#child.child_type}].

%% The report text (OTP 25's supervisor:format_log/2, a logger report_cb/2): the body under the
%% =SUPERVISOR REPORT==== or =PROGRESS REPORT==== header, as chardata.
format_log(Report, _Config) ->
    {Format, Args} = format_log(Report),
    io_lib:format(Format, Args).

%% The same as {Format, Args} (format_log/1, error_logger's report_cb).
format_log(#{label := {supervisor, progress},
             report := [{supervisor, SupName}, {started, Child}]}) ->
    {"    supervisor: ~tp~n    started: ~tp~n", [SupName, Child]};
format_log(#{label := {supervisor, _Error},
             report := [{supervisor, SupName}, {errorContext, Ctx}, {reason, Reason},
                        {offender, Child}]}) ->
    {"    supervisor: ~tp~n    errorContext: ~tp~n    reason: ~tp~n    offender: ~tp~n",
     [SupName, Ctx, Reason, Child]}.
