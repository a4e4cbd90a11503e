%% gen_statem: OTP 25's generic state machine behaviour (state_functions and
%% handle_event_function modes, state enter calls, postpone, next_event, the
%% three kinds of time-out, call/cast/stop and the terminate report), written
%% for krarup on top of proc_lib, gen and sys. The report text follows OTP's
%% "** State machine ... terminating" report; format_log/1,2 produce it.
-module(gen_statem).

-export([start/3, start/4, start_link/3, start_link/4,
         start_monitor/3, start_monitor/4,
         stop/1, stop/3, cast/2, call/2, call/3,
         send_request/2, wait_response/1, wait_response/2,
         receive_response/1, receive_response/2, check_response/2,
         reply/1, reply/2,
         enter_loop/4, enter_loop/5, enter_loop/6]).

%% Called back by gen, sys, proc_lib and logger.
-export([init_it/6, wakeup_from_hibernate/3,
         system_continue/3, system_terminate/4, system_code_change/4,
         system_get_state/1, system_replace_state/2, format_status/2,
         format_log/1, format_log/2]).

%% What does not change from one event to the next.
-record(params, {callback_mode = undefined,
                 state_enter = false,
                 parent,
                 modules = [],
                 name,
                 hibernate_after = infinity}).

%% The machine: {State, Data}, postponed events (newest first), running
%% timers (#{TimeoutType => {TimerRef, Msg}}), and whether the next receive
%% hibernates.
-record(state, {state_data = {undefined, undefined},
                postponed = [],
                timers = #{},
                hibernate = false}).

%% What the actions of one callback result asked for; lists are reversed.
-record(trans, {postpone = false,
                hibernate = false,
                next = [],
                timeouts = []}).

%%% ---------------------------------------------------------------------------
%%% API
%%% ---------------------------------------------------------------------------

%% start/3,4, start_link/3,4, start_monitor/3,4: as OTP, through gen:start/6.
start(Module, Args, Opts) ->
    gen:start(?MODULE, nolink, Module, Args, Opts).
start(ServerName, Module, Args, Opts) ->
    gen:start(?MODULE, nolink, ServerName, Module, Args, Opts).

start_link(Module, Args, Opts) ->
    gen:start(?MODULE, link, Module, Args, Opts).
start_link(ServerName, Module, Args, Opts) ->
    gen:start(?MODULE, link, ServerName, Module, Args, Opts).

start_monitor(Module, Args, Opts) ->
    gen:start(?MODULE, monitor, Module, Args, Opts).
start_monitor(ServerName, Module, Args, Opts) ->
    gen:start(?MODULE, monitor, ServerName, Module, Args, Opts).

%% stop/1,3: a system terminate message, as gen_server's (exits noproc,
%% timeout or the server's exit reason).
stop(ServerRef) ->
    gen:stop(ServerRef).
stop(ServerRef, Reason, Timeout) ->
    gen:stop(ServerRef, Reason, Timeout).

%% cast/2: never fails, whatever ServerRef names.
cast(ServerRef, Msg) when is_pid(ServerRef) ->
    send(ServerRef, wrap_cast(Msg));
cast(ServerRef, Msg) when is_atom(ServerRef) ->
    send(ServerRef, wrap_cast(Msg));
cast({global, Name}, Msg) ->
    try global:send(Name, wrap_cast(Msg)) of
        _ -> ok
    catch
        _:_ -> ok
    end;
cast({via, RegMod, Name}, Msg) ->
    try RegMod:send(Name, wrap_cast(Msg)) of
        _ -> ok
    catch
        _:_ -> ok
    end;
cast({Name, Node} = ServerRef, Msg) when is_atom(Name), is_atom(Node) ->
    send(ServerRef, wrap_cast(Msg)).

%% call/2,3: Timeout is infinity, milliseconds, {dirty_timeout, T} or
%% {clean_timeout, T}; a failure exits {Reason, {gen_statem, call, [ServerRef,
%% Request, Timeout]}} as OTP 25 does.
call(ServerRef, Request) ->
    call(ServerRef, Request, infinity).

call(ServerRef, Request, infinity = T) ->
    call_dirty(ServerRef, Request, infinity, T);
call(ServerRef, Request, {dirty_timeout, T} = Timeout) ->
    call_dirty(ServerRef, Request, T, Timeout);
call(ServerRef, Request, {clean_timeout, T} = Timeout) ->
    call_dirty(ServerRef, Request, T, Timeout);
call(ServerRef, Request, {_, _} = Timeout) ->
    erlang:error(badarg, [ServerRef, Request, Timeout]);
call(ServerRef, Request, Timeout) ->
    call_dirty(ServerRef, Request, Timeout, Timeout).

call_dirty(ServerRef, Request, T, Timeout) ->
    try gen:call(ServerRef, '$gen_call', Request, T) of
        {ok, Reply} ->
            Reply
    catch
        Class:Reason:Stacktrace ->
            erlang:raise(Class,
                         {Reason, {?MODULE, call, [ServerRef, Request, Timeout]}},
                         Stacktrace)
    end.

send_request(ServerRef, Request) ->
    gen:send_request(ServerRef, '$gen_call', Request).

wait_response(ReqId) ->
    gen:wait_response(ReqId, infinity).
wait_response(ReqId, Timeout) ->
    gen:wait_response(ReqId, Timeout).

receive_response(ReqId) ->
    gen:receive_response(ReqId, infinity).
receive_response(ReqId, Timeout) ->
    gen:receive_response(ReqId, Timeout).

check_response(Msg, ReqId) ->
    gen:check_response(Msg, ReqId).

%% reply/1 takes one {reply, From, Reply} action or a list of them.
reply({reply, From, Reply}) ->
    reply(From, Reply);
reply(Replies) when is_list(Replies) ->
    lists:foreach(fun reply/1, Replies).

reply({To, Tag}, Reply) when is_pid(To), is_reference(Tag) ->
    To ! {Tag, Reply},
    ok;
reply(From, Reply) ->
    gen:reply(From, Reply).

%% enter_loop/4,5,6: turn the calling proc_lib process into a gen_statem.
enter_loop(Module, Opts, State, Data) ->
    enter_loop(Module, Opts, State, Data, self()).

enter_loop(Module, Opts, State, Data, Server_or_Actions) ->
    if
        is_list(Server_or_Actions) ->
            enter_loop(Module, Opts, State, Data, self(), Server_or_Actions);
        true ->
            enter_loop(Module, Opts, State, Data, Server_or_Actions, [])
    end.

enter_loop(Module, Opts, State, Data, Server, Actions) ->
    is_atom(Module) orelse erlang:error({atom, Module}),
    Parent = gen:get_parent(),
    Name = gen:get_proc_name(Server),
    Debug = gen:debug_options(Name, Opts),
    HibernateAfter = gen:hibernate_after(Opts),
    enter(Parent, Debug, Module, Name, HibernateAfter, State, Data, Actions).

wrap_cast(Event) ->
    {'$gen_cast', Event}.

send(Dest, Msg) ->
    try erlang:send(Dest, Msg) of
        _ -> ok
    catch
        _:_ -> ok
    end.

%%% ---------------------------------------------------------------------------
%%% Start-up
%%% ---------------------------------------------------------------------------

%% init_it/6: called by gen in the new process.
init_it(Starter, self, ServerRef, Module, Args, Opts) ->
    init_it(Starter, self(), ServerRef, Module, Args, Opts);
init_it(Starter, Parent, ServerRef, Module, Args, Opts) ->
    Name = gen:name(ServerRef),
    Debug = gen:debug_options(Name, Opts),
    HibernateAfter = gen:hibernate_after(Opts),
    try Module:init(Args) of
        Result ->
            init_result(Starter, Parent, ServerRef, Module, Result,
                        Name, Debug, HibernateAfter)
    catch
        throw:Result ->
            init_result(Starter, Parent, ServerRef, Module, Result,
                        Name, Debug, HibernateAfter);
        Class:Reason:Stacktrace ->
            gen:unregister_name(ServerRef),
            proc_lib:init_ack(Starter, {error, Reason}),
            error_info(Class, Reason, Stacktrace, Debug,
                       #params{parent = Parent, name = Name,
                               modules = [Module]},
                       #state{}, []),
            erlang:raise(Class, Reason, Stacktrace)
    end.

init_result(Starter, Parent, ServerRef, Module, Result, Name, Debug, HA) ->
    case Result of
        {ok, State, Data} ->
            proc_lib:init_ack(Starter, {ok, self()}),
            enter(Parent, Debug, Module, Name, HA, State, Data, []);
        {ok, State, Data, Actions} ->
            proc_lib:init_ack(Starter, {ok, self()}),
            enter(Parent, Debug, Module, Name, HA, State, Data, Actions);
        {stop, Reason} ->
            gen:unregister_name(ServerRef),
            proc_lib:init_ack(Starter, {error, Reason}),
            exit(Reason);
        ignore ->
            gen:unregister_name(ServerRef),
            proc_lib:init_ack(Starter, ignore),
            exit(normal);
        _ ->
            gen:unregister_name(ServerRef),
            Error = {bad_return_from_init, Result},
            proc_lib:init_ack(Starter, {error, Error}),
            error_info(error, Error, stacktrace(), Debug,
                       #params{parent = Parent, name = Name,
                               modules = [Module]},
                       #state{}, []),
            exit(Error)
    end.

%% The first "transition": from State to State, so a state enter call sees
%% the initial state as its old state; init's actions apply as an event's.
enter(Parent, Debug, Module, Name, HA, State, Data, Actions) ->
    P = #params{parent = Parent, name = Name, modules = [Module],
                hibernate_after = HA},
    S = #state{state_data = {State, Data}},
    Debug1 = sys_debug(Debug, Name, {enter, Module, State}),
    case callback_mode(P, Debug1, S) of
        {ok, P1} ->
            %% OTP's report names this pseudo event as the last one when
            %% the first enter call fails.
            Event = {internal, init_state},
            loop_state_callback_result(P1, Debug1, S, [Event], [], init, Event,
                                       {next_state, State, Data, Actions}, [],
                                       State, false);
        Error ->
            Error
    end.

%% Reads Module:callback_mode() when the mode is not yet known (at start and
%% after a code change).
callback_mode(#params{callback_mode = undefined, modules = [M | _]} = P,
              Debug, S) ->
    try M:callback_mode() of
        CM ->
            parse_callback_mode(P, Debug, S, CM)
    catch
        throw:CM ->
            parse_callback_mode(P, Debug, S, CM);
        Class:Reason:Stacktrace ->
            terminate(Class, Reason, Stacktrace, P, Debug, S, [])
    end;
callback_mode(P, _Debug, _S) ->
    {ok, P}.

parse_callback_mode(P, Debug, S, CM) ->
    case classify_mode(CM, undefined, false) of
        {Mode, Enter} when Mode =/= undefined ->
            {ok, P#params{callback_mode = Mode, state_enter = Enter}};
        _ ->
            terminate(error, {bad_return_from_callback_mode, CM}, stacktrace(),
                      P, Debug, S, [])
    end.

classify_mode(Mode, _, Enter) when Mode =:= state_functions;
                                   Mode =:= handle_event_function ->
    {Mode, Enter};
classify_mode([], Mode, Enter) ->
    {Mode, Enter};
classify_mode([state_enter | Rest], Mode, _) ->
    classify_mode(Rest, Mode, true);
classify_mode([M | Rest], undefined, Enter) when M =:= state_functions;
                                                 M =:= handle_event_function ->
    classify_mode(Rest, M, Enter);
classify_mode(_, _, _) ->
    error.

%%% ---------------------------------------------------------------------------
%%% The receive loop
%%% ---------------------------------------------------------------------------

loop(P, Debug, #state{hibernate = true} = S) ->
    proc_lib:hibernate(?MODULE, wakeup_from_hibernate,
                     [P, Debug, S#state{hibernate = false}]);
loop(P, Debug, S) ->
    loop_receive(P, Debug, S).

%% wakeup_from_hibernate/3: where a hibernated machine resumes.
wakeup_from_hibernate(P, Debug, S) ->
    loop_receive(P, Debug, S).

loop_receive(#params{parent = Parent, hibernate_after = HA} = P, Debug, S) ->
    receive
        Msg ->
            case Msg of
                {system, From, Req} ->
                    sys:handle_system_msg(Req, From, Parent, ?MODULE, Debug,
                                          {P, S}, S#state.hibernate);
                {'EXIT', Parent, Reason} ->
                    terminate(exit, Reason, stacktrace(), P, Debug, S, []);
                {timeout, TRef, TType} ->
                    case S#state.timers of
                        #{TType := {TRef, TMsg}} = Timers ->
                            Timers1 = maps:remove(TType, Timers),
                            received(P, Debug, S#state{timers = Timers1},
                                     {TType, TMsg});
                        _ ->
                            received(P, Debug, S, {info, Msg})
                    end;
                {'$gen_call', From, Request} ->
                    received(P, Debug, S, {{call, From}, Request});
                {'$gen_cast', Cast} ->
                    received(P, Debug, S, {cast, Cast});
                _ ->
                    received(P, Debug, S, {info, Msg})
            end
    after HA ->
            proc_lib:hibernate(?MODULE, wakeup_from_hibernate, [P, Debug, S])
    end.

%% An event from the mailbox cancels the event time-out.
received(P, [], S, Event) ->
    event(P, [], cancel_timer(timeout, S), Event, []);
received(P, Debug, S, Event) ->
    S1 = cancel_timer(timeout, S),
    {State, _} = S1#state.state_data,
    Debug1 = sys_debug(Debug, P#params.name, {in, Event, State}),
    event(P, Debug1, S1, Event, []).

%% Handles Event with Events still queued behind it.
event(P, Debug, #state{state_data = {State, Data}} = S, Event, Events) ->
    loop_state_callback(P, Debug, S, [Event | Events], Events, event, Event,
                        State, Data, [], undefined).

%% The state enter call: EventType enter, content the old state.
enter_call(P, Debug, #state{state_data = {State, Data}} = S, Q, OldState,
           Events, Timeouts) ->
    loop_state_callback(P, Debug, S, Q, Events, enter, {enter, OldState},
                        State, Data, Timeouts, OldState).

%% Calls the state callback (named and shaped as OTP's, so that crash
%% reports show the same stack frames). Q is what a report shows as the last
%% event and the queue; Timeouts and OldState belong to enter calls.
loop_state_callback(#params{callback_mode = CM, modules = [M | _]} = P, Debug,
                    S, Q, Events, Kind, {Type, Content} = Event, State, Data,
                    Timeouts, OldState) ->
    try
        case CM of
            state_functions ->
                M:State(Type, Content, Data);
            handle_event_function ->
                M:handle_event(Type, Content, State, Data)
        end
    of
        Result ->
            loop_state_callback_result(P, Debug, S, Q, Events, Kind, Event,
                                       Result, Timeouts, OldState, false)
    catch
        throw:Result ->
            loop_state_callback_result(P, Debug, S, Q, Events, Kind, Event,
                                       Result, Timeouts, OldState, false);
        Class:Reason:Stacktrace ->
            terminate(Class, Reason, Stacktrace, P, Debug, S, Q)
    end.

%% Interprets a callback result (init's first transition has Kind init).
%% An enter call may not change the state. The first clause is the common case
%% (an event, no sys debug, no enter calls): the result forms that go on in the
%% machine, without the intermediate terms of the general clause.
loop_state_callback_result(#params{state_enter = false} = P, [],
                           #state{state_data = {State, Data}} = S, Q, Events,
                           event, Event, Result, Timeouts, OldState, false) ->
    case Result of
        {next_state, NS, ND} -> event_actions([], P, S, Q, Events, Event, NS, ND);
        {next_state, NS, ND, A} -> event_actions(A, P, S, Q, Events, Event, NS, ND);
        {keep_state, ND} -> event_actions([], P, S, Q, Events, Event, State, ND);
        {keep_state, ND, A} -> event_actions(A, P, S, Q, Events, Event, State, ND);
        keep_state_and_data -> event_actions([], P, S, Q, Events, Event, State, Data);
        {keep_state_and_data, A} ->
            event_actions(A, P, S, Q, Events, Event, State, Data);
        _ ->
            loop_state_callback_result(P, [], S, Q, Events, event, Event, Result,
                                       Timeouts, OldState, general)
    end;
loop_state_callback_result(P, Debug, #state{state_data = {State, Data}} = S, Q,
                           Events, Kind, Event, Result, Timeouts, OldState,
                           _) ->
    Parsed =
        case Result of
            {next_state, State, ND} -> {go, State, ND, [], false};
            {next_state, State, ND, A} -> {go, State, ND, A, false};
            {next_state, NS, ND} when Kind =/= enter -> {go, NS, ND, [], false};
            {next_state, NS, ND, A} when Kind =/= enter -> {go, NS, ND, A, false};
            {keep_state, ND} -> {go, State, ND, [], false};
            {keep_state, ND, A} -> {go, State, ND, A, false};
            keep_state_and_data -> {go, State, Data, [], false};
            {keep_state_and_data, A} -> {go, State, Data, A, false};
            {repeat_state, ND} -> {go, State, ND, [], true};
            {repeat_state, ND, A} -> {go, State, ND, A, true};
            repeat_state_and_data -> {go, State, Data, [], true};
            {repeat_state_and_data, A} -> {go, State, Data, A, true};
            stop -> {stop, normal, Data};
            {stop, Reason} -> {stop, Reason, Data};
            {stop, Reason, ND} -> {stop, Reason, ND};
            {stop_and_reply, Reason, Replies} ->
                {stop_and_reply, Reason, Replies, Data};
            {stop_and_reply, Reason, Replies, ND} ->
                {stop_and_reply, Reason, Replies, ND};
            _ -> bad
        end,
    case Parsed of
        {go, NextState, NewData, Actions, Repeat} ->
            Enter = {OldState, Timeouts},
            loop_actions_list(listify(Actions), #trans{}, P, Debug, S, Q,
                              Events, NextState, NewData, Kind, Repeat, Event,
                              Enter);
        {stop, Reason1, NewData} ->
            terminate(exit, Reason1, stacktrace(), P, Debug,
                      S#state{state_data = {State, NewData}}, Q);
        {stop_and_reply, Reason1, Replies1, NewData} ->
            do_reply_then_terminate(exit, Reason1, stacktrace(), Debug, P,
                                    S#state{state_data = {State, NewData}}, Q,
                                    listify(Replies1));
        bad ->
            Tag =
                case Kind of
                    enter -> bad_state_enter_return_from_state_function;
                    init -> bad_return_from_init;
                    event -> bad_return_from_state_function
                end,
            terminate(error, {Tag, Result}, stacktrace(), P, Debug, S, Q)
    end.

%% The actions of an event's result on the common path: replies go out at
%% once; any other action hands the rest to loop_actions_list/13.
event_actions([{reply, {Pid, _} = From, Reply} | Actions], P, S, Q, Events, Event,
              NextState, NewData) when is_pid(Pid) ->
    reply(From, Reply),
    event_actions(Actions, P, S, Q, Events, Event, NextState, NewData);
event_actions([], P, S, Q, Events, Event, NextState, NewData) ->
    transition(P, [], S, Q, Event, Events, NextState, NewData, #trans{}, event,
               false);
event_actions(Actions, P, S, Q, Events, Event, NextState, NewData) ->
    loop_actions_list(listify(Actions), #trans{}, P, [], S, Q, Events, NextState,
                      NewData, event, false, Event, {undefined, []}).

%% stop_and_reply: the replies go out in order, then the machine stops.
do_reply_then_terminate(Class, Reason, Stacktrace, Debug, P, S, Q,
                        [{reply, From, Reply} = R | Replies]) ->
    case is_from(From) of
        true ->
            reply(From, Reply),
            Debug1 = sys_debug(Debug, P#params.name, {out, Reply, From}),
            do_reply_then_terminate(Class, Reason, Stacktrace, Debug1, P, S, Q,
                                    Replies);
        false ->
            terminate(error, {bad_reply_action_from_state_function, R},
                      stacktrace(), P, Debug, S, Q)
    end;
do_reply_then_terminate(Class, Reason, Stacktrace, Debug, P, S, Q, []) ->
    terminate(Class, Reason, Stacktrace, P, Debug, S, Q);
do_reply_then_terminate(_Class, _Reason, _Stacktrace, Debug, P, S, Q,
                        [Bad | _]) ->
    terminate(error, {bad_reply_action_from_state_function, Bad},
              stacktrace(), P, Debug, S, Q).

is_from({Pid, _}) when is_pid(Pid) -> true;
is_from(_) -> false.

listify(L) when is_list(L) -> L;
listify(X) -> [X].

%% Runs the actions in order (replies go out at once), then makes the
%% transition to NextState, or for an enter call goes on with the queue.
loop_actions_list([{reply, {Pid, _} = From, Reply} | Actions], T, P, [], S, Q, Events,
                  NextState, NewData, Kind, Repeat, Event, Enter) when is_pid(Pid) ->
    reply(From, Reply),
    loop_actions_list(Actions, T, P, [], S, Q, Events, NextState, NewData, Kind, Repeat,
                      Event, Enter);
loop_actions_list([Action | Actions], T, P, Debug, S, Q, Events, NextState,
                  NewData, Kind, Repeat, Event, Enter) ->
    case parse_action(Action, Kind, P, Debug, T) of
        {ok, P1, Debug1, T1} ->
            loop_actions_list(Actions, T1, P1, Debug1, S, Q, Events, NextState,
                              NewData, Kind, Repeat, Event, Enter);
        bad ->
            Tag =
                case Kind of
                    enter -> bad_state_enter_action_from_state_function;
                    _ -> bad_action_from_state_function
                end,
            S1 =
                case Kind of
                    enter -> S#state{state_data = {NextState, NewData}};
                    _ -> S
                end,
            terminate(error, {Tag, Action}, stacktrace(), P, Debug, S1, Q)
    end;
loop_actions_list([], T, P, Debug, S, Q, Events, NextState, NewData, enter,
                  Repeat, _Event, {OldState, Timeouts}) ->
    S1 = S#state{state_data = {NextState, NewData},
                 hibernate = S#state.hibernate orelse T#trans.hibernate},
    Timeouts1 = Timeouts ++ lists:reverse(T#trans.timeouts),
    case Repeat of
        true -> enter_call(P, Debug, S1, Q, OldState, Events, Timeouts1);
        false -> finish(P, Debug, S1, Events, Timeouts1)
    end;
loop_actions_list([], T, P, Debug, S, Q, Events, NextState, NewData, Kind,
                  Repeat, Event, _Enter) ->
    transition(P, Debug, S, Q, Event, Events, NextState, NewData, T, Kind,
               Repeat).

parse_action({reply, From, Reply}, _Kind, P, Debug, T) ->
    case is_from(From) of
        true ->
            reply(From, Reply),
            {ok, P, sys_debug(Debug, P#params.name, {out, Reply, From}), T};
        false ->
            bad
    end;
parse_action(hibernate, _Kind, P, Debug, T) ->
    {ok, P, Debug, T#trans{hibernate = true}};
parse_action({hibernate, H}, _Kind, P, Debug, T) when is_boolean(H) ->
    {ok, P, Debug, T#trans{hibernate = H}};
parse_action(postpone, Kind, P, Debug, T) when Kind =:= event ->
    {ok, P, Debug, T#trans{postpone = true}};
parse_action({postpone, Pp}, Kind, P, Debug, T) when Kind =:= event,
                                                     is_boolean(Pp) ->
    {ok, P, Debug, T#trans{postpone = Pp}};
parse_action({next_event, Type, Content}, Kind, P, Debug, T)
  when Kind =/= enter ->
    case is_event_type(Type) of
        true ->
            {ok, P, Debug, T#trans{next = [{Type, Content} | T#trans.next]}};
        false ->
            bad
    end;
parse_action({change_callback_module, M}, Kind, P, Debug, T)
  when Kind =/= enter, is_atom(M) ->
    [_ | Ms] = P#params.modules,
    {ok, P#params{modules = [M | Ms], callback_mode = undefined}, Debug, T};
parse_action({push_callback_module, M}, Kind, P, Debug, T)
  when Kind =/= enter, is_atom(M) ->
    {ok, P#params{modules = [M | P#params.modules], callback_mode = undefined},
     Debug, T};
parse_action(pop_callback_module, Kind, #params{modules = [_, M | Ms]} = P,
             Debug, T) when Kind =/= enter ->
    {ok, P#params{modules = [M | Ms], callback_mode = undefined}, Debug, T};
parse_action(Time, _Kind, P, Debug, T) when is_integer(Time), Time >= 0 ->
    add_timeout({timeout, Time, Time, []}, P, Debug, T);
parse_action(infinity, _Kind, P, Debug, T) ->
    add_timeout({timeout, infinity, infinity, []}, P, Debug, T);
parse_action({TType, cancel}, _Kind, P, Debug, T) ->
    case is_timeout_type(TType) of
        true -> add_timeout({TType, cancel}, P, Debug, T);
        false -> bad
    end;
parse_action({TType, update, Msg}, _Kind, P, Debug, T) ->
    case is_timeout_type(TType) of
        true -> add_timeout({TType, update, Msg}, P, Debug, T);
        false -> bad
    end;
parse_action({TType, Time, Msg}, _Kind, P, Debug, T) ->
    case is_timeout_type(TType) andalso is_time(Time, []) of
        true -> add_timeout({TType, Time, Msg, []}, P, Debug, T);
        false -> bad
    end;
parse_action({TType, Time, Msg, Opts}, _Kind, P, Debug, T) ->
    case is_timeout_type(TType) andalso is_list(Opts)
        andalso is_time(Time, Opts) of
        true -> add_timeout({TType, Time, Msg, Opts}, P, Debug, T);
        false -> bad
    end;
parse_action(_, _Kind, _P, _Debug, _T) ->
    bad.

add_timeout(Timeout, P, Debug, T) ->
    {ok, P, Debug, T#trans{timeouts = [Timeout | T#trans.timeouts]}}.

is_event_type({call, From}) -> is_from(From);
is_event_type(cast) -> true;
is_event_type(info) -> true;
is_event_type(internal) -> true;
is_event_type(Type) -> is_timeout_type(Type).

is_timeout_type(timeout) -> true;
is_timeout_type(state_timeout) -> true;
is_timeout_type({timeout, _}) -> true;
is_timeout_type(_) -> false.

is_time(infinity, _Opts) -> true;
is_time(Time, Opts) when is_integer(Time) ->
    case proplists:get_value(abs, Opts, false) of
        true -> true;
        false -> Time >= 0;
        _ -> false
    end;
is_time(_, _) -> false.

%% The transition proper: postponed events come back when the state
%% changes, next_event events go first, then the state enter call, then the
%% time-outs of both callbacks in order.
transition(#params{state_enter = false, callback_mode = CM} = P, [],
           #state{state_data = {State, _}, postponed = Postponed} = S, _Q, _Event, Events,
           NextState, NewData, #trans{postpone = false, next = [], timeouts = [], hibernate = H},
           _Kind, _Repeat) when CM =/= undefined ->
    %% The common case (no sys debug, no enter calls, no postpone, next events or time-outs)
    %% without building what the general path below would find empty.
    case NextState =:= State of
        true ->
            continue(P, S#state{state_data = {NextState, NewData}, hibernate = H}, Events);
        false ->
            S1 = cancel_timer(state_timeout, S),
            continue(P, S1#state{state_data = {NextState, NewData}, postponed = [],
                                 hibernate = H},
                     lists:reverse(Postponed, Events))
    end;
transition(P, Debug, #state{state_data = {State, _}, postponed = Postponed} = S,
           Q, Event, Events, NextState, NewData, T, Kind, Repeat) ->
    Postponed1 =
        case T#trans.postpone of
            true -> [Event | Postponed];
            false -> Postponed
        end,
    %% The sys log: next events as received, then the event consumed or
    %% postponed (init's pseudo event too).
    Name = P#params.name,
    DebugIn = lists:foldl(fun(E, D) -> sys_debug(D, Name, {in, E, State}) end,
                          Debug, lists:reverse(T#trans.next)),
    Debug1 =
        case Kind of
            enter ->
                DebugIn;
            _ ->
                Tag = case T#trans.postpone of
                          true -> postpone;
                          false -> consume
                      end,
                sys_debug(DebugIn, Name, {Tag, Event, State, NextState})
        end,
    Changed = NextState =/= State,
    {Events1, Postponed2, S1} =
        case Changed of
            true ->
                {lists:reverse(Postponed1, Events), [],
                 cancel_timer(state_timeout, S)};
            false ->
                {Events, Postponed1, S}
        end,
    Events2 = lists:reverse(T#trans.next, Events1),
    S2 = S1#state{state_data = {NextState, NewData}, postponed = Postponed2,
                  hibernate = T#trans.hibernate},
    Timeouts = lists:reverse(T#trans.timeouts),
    case P#params.state_enter
        andalso (Changed orelse Repeat orelse Kind =:= init) of
        true ->
            enter_call(P, Debug1, S2, Q, State, Events2, Timeouts);
        false ->
            finish(P, Debug1, S2, Events2, Timeouts)
    end.

%% finish/5 with no time-outs and no sys debug: the next queued event, or the mailbox.
continue(P, S, [Event | Rest]) ->
    event(P, [], S#state{hibernate = false}, Event, Rest);
continue(P, S, []) ->
    loop(P, [], S).

%% Applies the time-outs, then goes on with the queued events or the
%% mailbox. Zero time-outs become events after the queued ones; the event
%% time-out only starts when nothing is queued.
finish(P, Debug, S, Events, Timeouts) ->
    {S1, ZeroR, EventTimeout} = timeouts(Timeouts, S, [], none),
    Zero = lists:reverse(ZeroR),
    Debug1 = debug_timeouts(Debug, P#params.name, S1, Timeouts, Zero),
    Events1 = Events ++ Zero,
    case callback_mode(P, Debug1, S1) of
        {ok, P1} ->
            case Events1 of
                [Event | Rest] ->
                    event(P1, Debug1, S1#state{hibernate = false}, Event, Rest);
                [] when element(1, EventTimeout) =:= 0,
                        element(3, EventTimeout) =:= [] ->
                    Event = {timeout, element(2, EventTimeout)},
                    {State, _} = S1#state.state_data,
                    Debug2 = sys_debug(Debug1, P#params.name,
                                       {in, Event, State}),
                    event(P1, Debug2, S1#state{hibernate = false}, Event, []);
                [] ->
                    S2 = start_event_timeout(EventTimeout, S1),
                    loop(P1, Debug1, S2)
            end;
        Stopped ->
            Stopped
    end.

%% The sys log of a transition's time-outs: each one started (latest first,
%% as OTP logs them), then the zero time-outs as received events.
debug_timeouts([], _Name, _S, _Timeouts, _Zero) ->
    [];
debug_timeouts(Debug, Name, #state{state_data = {State, _}}, Timeouts, Zero) ->
    Started = [T || {_, _, _, _} = T <- lists:reverse(Timeouts)],
    Debug1 = lists:foldl(
               fun(T, D) -> sys_debug(D, Name, {start_timer, T, State}) end,
               Debug, Started),
    lists:foldl(fun(E, D) -> sys_debug(D, Name, {in, E, State}) end,
                Debug1, Zero).

%% A zero event time-out is an event at once, ahead of the mailbox.
start_event_timeout(none, S) ->
    S;
start_event_timeout({infinity, _, _}, S) ->
    S;
start_event_timeout({Time, Msg, Opts}, S) ->
    start_timer(timeout, Time, Msg, Opts, S).

timeouts([], S, ZeroR, EventTimeout) ->
    {S, ZeroR, EventTimeout};
timeouts([{timeout, Time, Msg, Opts} | Rest], S, ZeroR, _) ->
    timeouts(Rest, S, ZeroR, {Time, Msg, Opts});
timeouts([{timeout, cancel} | Rest], S, ZeroR, _) ->
    timeouts(Rest, S, ZeroR, none);
timeouts([{timeout, update, Msg} | Rest], S, ZeroR, _) ->
    timeouts(Rest, S, ZeroR, {0, Msg, []});
timeouts([{TType, infinity, _Msg, _Opts} | Rest], S, ZeroR, ET) ->
    timeouts(Rest, cancel_timer(TType, S), drop_zero(TType, ZeroR), ET);
timeouts([{TType, 0, Msg, []} | Rest], S, ZeroR, ET) ->
    S1 = cancel_timer(TType, S),
    timeouts(Rest, S1, [{TType, Msg} | drop_zero(TType, ZeroR)], ET);
timeouts([{TType, Time, Msg, Opts} | Rest], S, ZeroR, ET) ->
    S1 = start_timer(TType, Time, Msg, Opts, cancel_timer(TType, S)),
    timeouts(Rest, S1, drop_zero(TType, ZeroR), ET);
timeouts([{TType, cancel} | Rest], S, ZeroR, ET) ->
    timeouts(Rest, cancel_timer(TType, S), drop_zero(TType, ZeroR), ET);
timeouts([{TType, update, Msg} | Rest], S, ZeroR, ET) ->
    case S#state.timers of
        #{TType := {TRef, _}} = Timers ->
            S1 = S#state{timers = Timers#{TType := {TRef, Msg}}},
            timeouts(Rest, S1, ZeroR, ET);
        _ ->
            timeouts(Rest, S, [{TType, Msg} | drop_zero(TType, ZeroR)], ET)
    end.

drop_zero(TType, ZeroR) ->
    [Z || {Type, _} = Z <- ZeroR, Type =/= TType].

start_timer(TType, Time, Msg, Opts, S) ->
    TRef =
        case Opts of
            [] -> erlang:start_timer(Time, self(), TType);
            _ -> erlang:start_timer(Time, self(), TType, Opts)
        end,
    S#state{timers = maps:put(TType, {TRef, Msg}, S#state.timers)}.

%% Cancels a running timer and drops its message if it already arrived.
cancel_timer(_TType, #state{timers = Timers} = S) when map_size(Timers) =:= 0 ->
    S;
cancel_timer(TType, #state{timers = Timers} = S) ->
    case Timers of
        #{TType := {TRef, _}} ->
            case erlang:cancel_timer(TRef) of
                false ->
                    receive
                        {timeout, TRef, _} -> ok
                    after 0 -> ok
                    end;
                _ ->
                    ok
            end,
            S#state{timers = maps:remove(TType, Timers)};
        _ ->
            S
    end.

stacktrace() ->
    try
        throw(ok)
    catch
        _:_:Stacktrace -> tl(Stacktrace)
    end.

%%% ---------------------------------------------------------------------------
%%% sys callbacks
%%% ---------------------------------------------------------------------------

%% After a code change the callback mode is read again.
system_continue(Parent, Debug, {P, S}) ->
    case callback_mode(P#params{parent = Parent}, Debug, S) of
        {ok, P1} -> loop(P1, Debug, S)
    end.

system_terminate(Reason, Parent, Debug, {P, S}) ->
    terminate(exit, Reason, stacktrace(), P#params{parent = Parent}, Debug, S,
              []).

system_code_change({#params{modules = [M | _]} = P, S}, _Mod, OldVsn, Extra) ->
    {State, Data} = S#state.state_data,
    case
        try M:code_change(OldVsn, State, Data, Extra)
        catch
            throw:Result -> Result
        end
    of
        {ok, NewState, NewData} ->
            {ok, {P#params{callback_mode = undefined},
                  S#state{state_data = {NewState, NewData}}}};
        {ok, _} = Error ->
            error({case_clause, Error});
        Error ->
            Error
    end.

system_get_state({_P, S}) ->
    {ok, S#state.state_data}.

system_replace_state(StateFun, {P, S}) ->
    NewStateData = StateFun(S#state.state_data),
    {ok, NewStateData, {P, S#state{state_data = NewStateData}}}.

%% format_status/2: the sys:get_status/1 body, as OTP 25 lays it out.
format_status(Opt, [PDict, SysState, Parent, Debug, {P, S}]) ->
    Header = gen:format_status_header("Status for state machine",
                                      P#params.name),
    {Count, Timeouts} = list_timeouts(S),
    {State, Data} = S#state.state_data,
    Status0 = #{state => State, data => Data, postponed => S#state.postponed,
                timeouts => Timeouts, log => sys:get_log(Debug)},
    [M | _] = P#params.modules,
    {Status, StateSection} =
        case erlang:function_exported(M, format_status, 1) of
            true ->
                St = format_status_map(M, Status0),
                {St, [{data, [{"State", {maps:get(state, St),
                                         maps:get(data, St)}}]}]};
            false ->
                {Status0, format_state(Opt, PDict, P, S)}
        end,
    [{header, Header},
     {data, [{"Status", SysState},
             {"Parent", Parent},
             {"Modules", P#params.modules},
             {"Time-outs", {Count, maps:get(timeouts, Status)}},
             {"Logged Events", maps:get(log, Status)},
             {"Postponed", maps:get(postponed, Status)}]} |
     case StateSection of
         L when is_list(L) -> L;
         T -> [T]
     end].

%% OTP 25's format_status/1: the callback rewrites a map of what is shown.
format_status_map(M, Status) ->
    try M:format_status(Status) of
        NewStatus when is_map(NewStatus) -> maps:merge(Status, NewStatus);
        _ -> Status
    catch
        _:_ -> Status
    end.

format_state(Opt, PDict, #params{modules = [M | _]}, S) ->
    StateData = S#state.state_data,
    Default = [{data, [{"State", StateData}]}],
    case erlang:function_exported(M, format_status, 2) of
        true ->
            {State, Data} = StateData,
            try M:format_status(Opt, [PDict, State, Data])
            catch
                throw:Result -> Result;
                _:_ -> Default
            end;
        false ->
            Default
    end.

%% {Count, [{TimeoutType, Msg}]}, in reverse key order as OTP's fold gives.
list_timeouts(#state{timers = Timers}) ->
    L = lists:foldl(fun({TType, {_TRef, Msg}}, Acc) -> [{TType, Msg} | Acc] end,
                    [], maps:to_list(Timers)),
    {length(L), L}.

sys_debug([], _Name, _Event) ->
    [];
sys_debug(Debug, Name, Event) ->
    sys:handle_debug(Debug, fun print_event/3, Name, Event).

%% The *DBG* lines of sys:trace/2, worded as OTP 25's.
print_event(Dev, {in, Event, State}, Name) ->
    io:format(Dev, "*DBG* ~tp receive ~ts in state ~tp~n",
              [Name, event_string(Event), State]);
print_event(Dev, {out, Reply, {To, _Tag}}, Name) ->
    io:format(Dev, "*DBG* ~tp send ~tp to ~tw~n", [Name, Reply, To]);
print_event(Dev, {enter, Module, State}, Name) ->
    io:format(Dev, "*DBG* ~tp enter ~tp in state ~tp~n", [Name, Module, State]);
print_event(Dev, {Tag, Event, State, NextState}, Name) when Tag =:= postpone;
                                                            Tag =:= consume ->
    case NextState of
        State ->
            io:format(Dev, "*DBG* ~tp ~w ~ts in state ~tp~n",
                      [Name, Tag, event_string(Event), State]);
        _ ->
            io:format(Dev, "*DBG* ~tp ~w ~ts in state ~tp => ~tp~n",
                      [Name, Tag, event_string(Event), State, NextState])
    end;
print_event(Dev, {start_timer, Timeout, State}, Name) ->
    io:format(Dev, "*DBG* ~tp start_timer ~tp in state ~tp~n",
              [Name, Timeout, State]);
print_event(Dev, Other, Name) ->
    io:format(Dev, "*DBG* ~tp ~tp~n", [Name, Other]).

event_string({{call, {Pid, _Tag}}, Request}) ->
    io_lib:format("call ~tp from ~tw", [Request, Pid]);
event_string({Type, Content}) ->
    io_lib:format("~tw ~tp", [Type, Content]).

%%% ---------------------------------------------------------------------------
%%% Termination and the report
%%% ---------------------------------------------------------------------------

%% Calls Module:terminate/3 when exported, logs the report unless Reason is
%% normal, shutdown or {shutdown, _}, then exits as the callback did.
terminate(Class, Reason, Stacktrace,
          #params{modules = [M | _]} = P, Debug,
          #state{state_data = {State, Data}} = S, Q) ->
    case erlang:function_exported(M, terminate, 3) of
        true ->
            try M:terminate(Reason, State, Data) of
                _ -> ok
            catch
                throw:_ ->
                    ok;
                C:R:ST ->
                    error_info(C, R, ST, Debug, P, S, Q),
                    erlang:raise(C, R, ST)
            end;
        false ->
            ok
    end,
    case Reason of
        normal -> ok;
        shutdown -> ok;
        {shutdown, _} -> ok;
        _ -> error_info(Class, Reason, Stacktrace, Debug, P, S, Q)
    end,
    case Stacktrace of
        [] -> erlang:Class(Reason);
        _ -> erlang:raise(Class, Reason, Stacktrace)
    end.

error_info(Class, Reason, Stacktrace, Debug,
           #params{name = Name, modules = Modules, callback_mode = CM,
                   state_enter = Enter},
           #state{state_data = {State, Data} = StateData,
                  postponed = Postponed} = S, Q) ->
    {Count, Timeouts} = list_timeouts(S),
    Log = sys:get_log(Debug),
    [M | _] = Modules,
    Status =
        case erlang:function_exported(M, format_status, 1) of
            true ->
                St = format_status_map(
                       M, #{state => State, data => Data, reason => Reason,
                            queue => Q, postponed => Postponed,
                            timeouts => Timeouts, log => Log}),
                St#{state := {maps:get(state, St), maps:get(data, St)}};
            false ->
                #{state => report_state(Modules, StateData), reason => Reason,
                  queue => Q, postponed => Postponed, timeouts => Timeouts,
                  log => Log}
        end,
    Report = #{label => {gen_statem, terminate},
               name => Name,
               queue => maps:get(queue, Status),
               postponed => maps:get(postponed, Status),
               modules => Modules,
               callback_mode => CM,
               state_enter => Enter,
               state => maps:get(state, Status),
               timeouts => {Count, maps:get(timeouts, Status)},
               log => maps:get(log, Status),
               reason => {Class, maps:get(reason, Status), Stacktrace},
               client_info => client_info(Q)},
    logger:error(Report,
                 #{domain => [otp],
                   report_cb => fun gen_statem:format_log/2,
                   error_logger => #{tag => error,
                                     report_cb => fun gen_statem:format_log/1}}).

%% The report shows what format_status(terminate, _) makes of the state, as
%% OTP 25 does when the callback module exports it.
report_state([M | _], {State, Data} = StateData) ->
    case erlang:function_exported(M, format_status, 2) of
        true ->
            try M:format_status(terminate, [get(), State, Data])
            catch
                throw:Result -> Result;
                _:_ -> StateData
            end;
        false ->
            StateData
    end.

%% For a call event: the calling process and its stack, shown in the report.
client_info([{{call, {Pid, _Tag}}, _Req} | _]) when is_pid(Pid) ->
    if
        node(Pid) =/= node() ->
            {Pid, {remote, node(Pid)}};
        true ->
            case catch erlang:process_info(Pid, [current_stacktrace,
                                                 registered_name]) of
                [{current_stacktrace, Stacktrace}, {registered_name, []}] ->
                    {Pid, {Pid, Stacktrace}};
                [{current_stacktrace, Stacktrace}, {registered_name, N}] ->
                    {Pid, {N, Stacktrace}};
                undefined ->
                    {Pid, dead};
                _ ->
                    undefined
            end
    end;
client_info(_) ->
    undefined.

%% format_log/1: {Format, Args} for error_logger handlers.
format_log(Report) ->
    format_log_parts(Report).

%% format_log/2: the report text as logger's default formatter prints it.
format_log(Report, _FormatOpts) ->
    {Format, Args} = format_log_parts(Report),
    io_lib:format(Format, Args).

format_log_parts(#{label := {gen_statem, terminate}, name := Name,
                   queue := Q, postponed := Postponed, modules := Modules,
                   callback_mode := CM, state_enter := Enter,
                   state := StateData, timeouts := Timeouts, log := Log,
                   reason := {Class, Reason, Stacktrace},
                   client_info := ClientInfo}) ->
    %% Before callback_mode/0 has run, OTP's report shows its default.
    CM1 =
        case CM of
            undefined -> state_functions;
            _ -> CM
        end,
    Mode =
        case Enter of
            true -> [CM1, state_enter];
            false -> CM1
        end,
    {ClientFmt, ClientArgs} = format_client(ClientInfo),
    Parts =
        [{"** State machine ~tp terminating~n", [Name]},
         case Q of
             [Event | _] -> {"** Last event = ~tp~n", [Event]};
             [] -> {"", []}
         end,
         {"** When server state  = ~tp~n", [StateData]},
         {"** Reason for termination = ~w:~tp~n", [Class, Reason]},
         {"** Callback modules = ~tp~n", [Modules]},
         {"** Callback mode = ~p~n", [Mode]},
         case Q of
             [_ | [_ | _] = Rest] -> {"** Queued = ~tp~n", [Rest]};
             _ -> {"", []}
         end,
         case Postponed of
             [] -> {"", []};
             _ -> {"** Postponed = ~tp~n", [Postponed]}
         end,
         case Stacktrace of
             [] -> {"", []};
             _ -> {"** Stacktrace =~n**  ~tp~n", [Stacktrace]}
         end,
         case Timeouts of
             {0, _} -> {"", []};
             _ -> {"** Time-outs: ~p~n", [Timeouts]}
         end,
         case Log of
             [] -> {"", []};
             _ -> {"** Log =~n**  ~tp~n", [Log]}
         end,
         {ClientFmt, ClientArgs}],
    {lists:append([F || {F, _} <- Parts]), lists:append([A || {_, A} <- Parts])}.

format_client({Pid, {remote, Node}}) ->
    {"** Client ~tp is remote on node ~tp~n", [Pid, Node]};
format_client({_Pid, dead}) ->
    {"** Client ~tp is dead~n", [_Pid]};
format_client({_Pid, {Name, Stacktrace}}) ->
    {"** Client ~tp stacktrace~n** ~tp~n", [Name, Stacktrace]};
format_client(_) ->
    {"", []}.
