%% gen_server: OTP 25's generic server behaviour. The server loop, its callbacks' return forms,
%% timeouts, hibernation, {continue,_}, system messages (through sys), terminate/2 and the
%% "Generic server ... terminating" ERROR REPORT (text in krarup_report).
-module(gen_server).
-export([start/3, start/4, start_link/3, start_link/4, start_monitor/3, start_monitor/4,
         stop/1, stop/3, call/2, call/3, send_request/2, send_request/4, wait_response/2,
         receive_response/2, check_response/2, cast/2, reply/2, abcast/2, abcast/3,
         multi_call/2, multi_call/3, multi_call/4, enter_loop/3, enter_loop/4, enter_loop/5,
         wake_hib/6]).
%% Behaviour and system-message callbacks (called by gen, proc_lib and sys).
-export([init_it/6, system_continue/3, system_terminate/4, system_code_change/4,
         system_get_state/1, system_replace_state/2, format_status/2, format_log/1,
         format_log/2]).

-callback init(Args :: term()) -> term().
-callback handle_call(Request :: term(), From :: term(), State :: term()) -> term().
-callback handle_cast(Request :: term(), State :: term()) -> term().
-callback handle_info(Info :: term(), State :: term()) -> term().
-callback handle_continue(Info :: term(), State :: term()) -> term().
-callback terminate(Reason :: term(), State :: term()) -> term().
-callback code_change(OldVsn :: term(), State :: term(), Extra :: term()) -> term().
-callback format_status(Opt :: term(), StatusData :: list()) -> term().
-callback format_status(Status :: map()) -> map().
-optional_callbacks([handle_info/2, handle_continue/2, terminate/2, code_change/3,
                     format_status/2, format_status/1]).

%% ---- start and stop ----

start(Mod, Args, Options) -> gen:start(?MODULE, nolink, Mod, Args, Options).
start(Name, Mod, Args, Options) -> gen:start(?MODULE, nolink, Name, Mod, Args, Options).
start_link(Mod, Args, Options) -> gen:start(?MODULE, link, Mod, Args, Options).
start_link(Name, Mod, Args, Options) -> gen:start(?MODULE, link, Name, Mod, Args, Options).
start_monitor(Mod, Args, Options) -> gen:start(?MODULE, monitor, Mod, Args, Options).
start_monitor(Name, Mod, Args, Options) -> gen:start(?MODULE, monitor, Name, Mod, Args, Options).

stop(Name) -> gen:stop(Name).
stop(Name, Reason, Timeout) -> gen:stop(Name, Reason, Timeout).

%% ---- requests ----

call(Server, Request) ->
    try gen:call(Server, '$gen_call', Request) of
        {ok, Res} -> Res
    catch
        exit:Reason -> exit({Reason, {?MODULE, call, [Server, Request]}})
    end.

call(Server, Request, Timeout) ->
    try gen:call(Server, '$gen_call', Request, Timeout) of
        {ok, Res} -> Res
    catch
        exit:Reason -> exit({Reason, {?MODULE, call, [Server, Request, Timeout]}})
    end.

send_request(Server, Request) ->
    gen:send_request(Server, '$gen_call', Request).

%% OTP 25's request-id collections: send_request/4 adds the request under Label.
send_request(Server, Request, Label, ReqIdCollection) when is_map(ReqIdCollection) ->
    ReqId = gen:send_request(Server, '$gen_call', Request),
    maps:put(ReqId, Label, ReqIdCollection).

wait_response(ReqId, Timeout) -> gen:wait_response(ReqId, Timeout).
receive_response(ReqId, Timeout) -> gen:receive_response(ReqId, Timeout).
check_response(Msg, ReqId) -> gen:check_response(Msg, ReqId).

cast({global, Name}, Request) ->
    catch global:send(Name, cast_msg(Request)),
    ok;
cast({via, Mod, Name}, Request) ->
    catch Mod:send(Name, cast_msg(Request)),
    ok;
cast({Name, Node} = Dest, Request) when is_atom(Name), is_atom(Node) ->
    do_send(Dest, cast_msg(Request));
cast(Dest, Request) when is_atom(Dest); is_pid(Dest) ->
    do_send(Dest, cast_msg(Request)).

cast_msg(Request) -> {'$gen_cast', Request}.

do_send(Dest, Msg) ->
    try erlang:send(Dest, Msg) of
        _ -> ok
    catch
        error:_ -> ok
    end.

reply(From, Reply) -> gen:reply(From, Reply).

%% On one node: abcast and multi_call reach the local registered Name only.
abcast(Name, Request) when is_atom(Name) -> abcast([node()], Name, Request).
abcast(Nodes, Name, Request) when is_list(Nodes), is_atom(Name) ->
    _ = [do_send({Name, Node}, cast_msg(Request)) || Node <- Nodes, Node =:= node()],
    abcast.

multi_call(Name, Request) -> multi_call([node()], Name, Request).
multi_call(Nodes, Name, Request) -> multi_call(Nodes, Name, Request, infinity).
multi_call(Nodes, Name, Request, Timeout) when is_list(Nodes), is_atom(Name) ->
    lists:foldr(
      fun(Node, {Good, Bad}) when Node =:= node() ->
              try gen:call(Name, '$gen_call', Request, Timeout) of
                  {ok, Res} -> {[{Node, Res} | Good], Bad}
              catch exit:_ -> {Good, [Node | Bad]}
              end;
         (Node, {Good, Bad}) ->
              {Good, [Node | Bad]}
      end, {[], []}, Nodes).

%% ---- enter_loop ----

enter_loop(Mod, Options, State) ->
    enter_loop(Mod, Options, State, self(), infinity).
enter_loop(Mod, Options, State, ServerName = {Scope, _})
  when Scope =:= local; Scope =:= global ->
    enter_loop(Mod, Options, State, ServerName, infinity);
enter_loop(Mod, Options, State, ServerName = {via, _, _}) ->
    enter_loop(Mod, Options, State, ServerName, infinity);
enter_loop(Mod, Options, State, Timeout) ->
    enter_loop(Mod, Options, State, self(), Timeout).

enter_loop(Mod, Options, State, ServerName, Timeout) ->
    Name = gen:get_proc_name(ServerName),
    Parent = gen:get_parent(),
    Debug = gen:debug_options(Name, Options),
    HibernateAfterTimeout = gen:hibernate_after(Options),
    loop(Parent, Name, State, Mod, Timeout, HibernateAfterTimeout, Debug).

%% ---- the server process ----

init_it(Starter, self, Name, Mod, Args, Options) ->
    init_it(Starter, self(), Name, Mod, Args, Options);
init_it(Starter, Parent, Name0, Mod, Args, Options) ->
    Name = gen:name(Name0),
    Debug = gen:debug_options(Name, Options),
    HibernateAfterTimeout = gen:hibernate_after(Options),
    case init_it(Mod, Args) of
        {ok, {ok, State}} ->
            proc_lib:init_ack(Starter, {ok, self()}),
            loop(Parent, Name, State, Mod, infinity, HibernateAfterTimeout, Debug);
        {ok, {ok, State, TimeoutHibernateOrContinue}} ->
            proc_lib:init_ack(Starter, {ok, self()}),
            loop(Parent, Name, State, Mod, TimeoutHibernateOrContinue,
                 HibernateAfterTimeout, Debug);
        {ok, {stop, Reason}} ->
            gen:unregister_name(Name0),
            proc_lib:init_ack(Starter, {error, Reason}),
            exit(Reason);
        {ok, ignore} ->
            gen:unregister_name(Name0),
            proc_lib:init_ack(Starter, ignore),
            exit(normal);
        {ok, Else} ->
            Error = {bad_return_value, Else},
            proc_lib:init_ack(Starter, {error, Error}),
            exit(Error);
        {'EXIT', Class, Reason, Stacktrace} ->
            gen:unregister_name(Name0),
            proc_lib:init_ack(Starter, {error, terminate_reason(Class, Reason, Stacktrace)}),
            erlang:raise(Class, Reason, Stacktrace)
    end.

init_it(Mod, Args) ->
    try
        {ok, Mod:init(Args)}
    catch
        throw:R -> {ok, R};
        Class:R:S -> {'EXIT', Class, R, S}
    end.

loop(Parent, Name, State, Mod, {continue, Continue} = Msg, HibernateAfterTimeout, Debug) ->
    Reply = try_dispatch(Mod, handle_continue, Continue, State),
    case Debug of
        [] ->
            handle_common_reply(Reply, Parent, Name, undefined, Msg, Mod,
                                HibernateAfterTimeout, State);
        _ ->
            Debug1 = sys:handle_debug(Debug, fun print_event/3, Name, Msg),
            handle_common_reply(Reply, Parent, Name, undefined, Msg, Mod,
                                HibernateAfterTimeout, State, Debug1)
    end;
loop(Parent, Name, State, Mod, hibernate, HibernateAfterTimeout, Debug) ->
    proc_lib:hibernate(?MODULE, wake_hib, [Parent, Name, State, Mod, HibernateAfterTimeout, Debug]);
loop(Parent, Name, State, Mod, infinity, HibernateAfterTimeout, Debug) ->
    receive
        Msg ->
            decode_msg(Msg, Parent, Name, State, Mod, infinity, HibernateAfterTimeout, Debug, false)
    after HibernateAfterTimeout ->
            loop(Parent, Name, State, Mod, hibernate, HibernateAfterTimeout, Debug)
    end;
loop(Parent, Name, State, Mod, Time, HibernateAfterTimeout, Debug) ->
    Msg = receive
              Input -> Input
          after Time -> timeout
          end,
    decode_msg(Msg, Parent, Name, State, Mod, Time, HibernateAfterTimeout, Debug, false).

wake_hib(Parent, Name, State, Mod, HibernateAfterTimeout, Debug) ->
    Msg = receive
              Input -> Input
          end,
    decode_msg(Msg, Parent, Name, State, Mod, hibernate, HibernateAfterTimeout, Debug, true).

decode_msg(Msg, Parent, Name, State, Mod, Time, HibernateAfterTimeout, Debug, Hib) ->
    case Msg of
        {system, From, Req} ->
            sys:handle_system_msg(Req, From, Parent, ?MODULE, Debug,
                                  [Name, State, Mod, Time, HibernateAfterTimeout], Hib);
        {'EXIT', Parent, Reason} ->
            terminate(Reason, stacktrace(), Name, undefined, Msg, Mod, State, Debug);
        _Msg when Debug =:= [] ->
            handle_msg(Msg, Parent, Name, State, Mod, HibernateAfterTimeout);
        _Msg ->
            Debug1 = sys:handle_debug(Debug, fun print_event/3, Name, {in, Msg}),
            handle_msg(Msg, Parent, Name, State, Mod, HibernateAfterTimeout, Debug1)
    end.

%% The caller's stack as OTP's ?STACKTRACE() (process_info current_stacktrace) gives it.
stacktrace() ->
    try throw(stacktrace)
    catch throw:stacktrace:Stack -> tl(Stack)
    end.

try_dispatch({'$gen_cast', Msg}, Mod, State) ->
    try_dispatch(Mod, handle_cast, Msg, State);
try_dispatch(Info, Mod, State) ->
    try_dispatch(Mod, handle_info, Info, State).

try_dispatch(Mod, Func, Msg, State) ->
    try
        {ok, Mod:Func(Msg, State)}
    catch
        throw:R ->
            {ok, R};
        error:undef = R:Stacktrace when Func =:= handle_info ->
            case erlang:function_exported(Mod, handle_info, 2) of
                false ->
                    logger:log_report(warning,
                                      #{label => {gen_server, no_handle_info},
                                        module => Mod, message => Msg},
                                      #{domain => [otp], report_cb => fun gen_server:format_log/2,
                                        error_logger => #{tag => warning_msg}}),
                    {ok, {noreply, State}};
                true ->
                    {'EXIT', error, R, Stacktrace}
            end;
        Class:R:Stacktrace ->
            {'EXIT', Class, R, Stacktrace}
    end.

try_handle_call(Mod, Msg, From, State) ->
    try
        {ok, Mod:handle_call(Msg, From, State)}
    catch
        throw:R -> {ok, R};
        Class:R:Stacktrace -> {'EXIT', Class, R, Stacktrace}
    end.

try_terminate(Mod, Reason, State) ->
    case erlang:function_exported(Mod, terminate, 2) of
        true ->
            try
                {ok, Mod:terminate(Reason, State)}
            catch
                throw:R -> {ok, R};
                Class:R:Stacktrace -> {'EXIT', Class, R, Stacktrace}
            end;
        false ->
            {ok, ok}
    end.

handle_msg({'$gen_call', From, Msg}, Parent, Name, State, Mod, HibernateAfterTimeout) ->
    Result = try_handle_call(Mod, Msg, From, State),
    case Result of
        {ok, {reply, Reply, NState}} ->
            reply(From, Reply),
            loop(Parent, Name, NState, Mod, infinity, HibernateAfterTimeout, []);
        {ok, {reply, Reply, NState, Time1}} ->
            reply(From, Reply),
            loop(Parent, Name, NState, Mod, Time1, HibernateAfterTimeout, []);
        {ok, {noreply, NState}} ->
            loop(Parent, Name, NState, Mod, infinity, HibernateAfterTimeout, []);
        {ok, {noreply, NState, Time1}} ->
            loop(Parent, Name, NState, Mod, Time1, HibernateAfterTimeout, []);
        {ok, {stop, Reason, Reply, NState}} ->
            try
                terminate(Reason, stacktrace(), Name, From, Msg, Mod, NState, [])
            after
                reply(From, Reply)
            end;
        Other ->
            handle_common_reply(Other, Parent, Name, From, Msg, Mod, HibernateAfterTimeout, State)
    end;
handle_msg(Msg, Parent, Name, State, Mod, HibernateAfterTimeout) ->
    Reply = try_dispatch(Msg, Mod, State),
    handle_common_reply(Reply, Parent, Name, undefined, Msg, Mod, HibernateAfterTimeout, State).

handle_msg({'$gen_call', From, Msg}, Parent, Name, State, Mod, HibernateAfterTimeout, Debug) ->
    Result = try_handle_call(Mod, Msg, From, State),
    case Result of
        {ok, {reply, Reply, NState}} ->
            Debug1 = reply(Name, From, Reply, NState, Debug),
            loop(Parent, Name, NState, Mod, infinity, HibernateAfterTimeout, Debug1);
        {ok, {reply, Reply, NState, Time1}} ->
            Debug1 = reply(Name, From, Reply, NState, Debug),
            loop(Parent, Name, NState, Mod, Time1, HibernateAfterTimeout, Debug1);
        {ok, {noreply, NState}} ->
            Debug1 = sys:handle_debug(Debug, fun print_event/3, Name, {noreply, NState}),
            loop(Parent, Name, NState, Mod, infinity, HibernateAfterTimeout, Debug1);
        {ok, {noreply, NState, Time1}} ->
            Debug1 = sys:handle_debug(Debug, fun print_event/3, Name, {noreply, NState}),
            loop(Parent, Name, NState, Mod, Time1, HibernateAfterTimeout, Debug1);
        {ok, {stop, Reason, Reply, NState}} ->
            try
                terminate(Reason, stacktrace(), Name, From, Msg, Mod, NState, Debug)
            after
                _ = reply(Name, From, Reply, NState, Debug)
            end;
        Other ->
            handle_common_reply(Other, Parent, Name, From, Msg, Mod, HibernateAfterTimeout,
                                State, Debug)
    end;
handle_msg(Msg, Parent, Name, State, Mod, HibernateAfterTimeout, Debug) ->
    Reply = try_dispatch(Msg, Mod, State),
    handle_common_reply(Reply, Parent, Name, undefined, Msg, Mod, HibernateAfterTimeout,
                        State, Debug).

handle_common_reply(Reply, Parent, Name, From, Msg, Mod, HibernateAfterTimeout, State) ->
    case Reply of
        {ok, {noreply, NState}} ->
            loop(Parent, Name, NState, Mod, infinity, HibernateAfterTimeout, []);
        {ok, {noreply, NState, Time1}} ->
            loop(Parent, Name, NState, Mod, Time1, HibernateAfterTimeout, []);
        {ok, {stop, Reason, NState}} ->
            terminate(Reason, stacktrace(), Name, From, Msg, Mod, NState, []);
        {'EXIT', Class, Reason, Stacktrace} ->
            terminate(Class, Reason, Stacktrace, Name, From, Msg, Mod, State, []);
        {ok, BadReply} ->
            terminate({bad_return_value, BadReply}, stacktrace(), Name, From, Msg, Mod, State, [])
    end.

handle_common_reply(Reply, Parent, Name, From, Msg, Mod, HibernateAfterTimeout, State, Debug) ->
    case Reply of
        {ok, {noreply, NState}} ->
            Debug1 = sys:handle_debug(Debug, fun print_event/3, Name, {noreply, NState}),
            loop(Parent, Name, NState, Mod, infinity, HibernateAfterTimeout, Debug1);
        {ok, {noreply, NState, Time1}} ->
            Debug1 = sys:handle_debug(Debug, fun print_event/3, Name, {noreply, NState}),
            loop(Parent, Name, NState, Mod, Time1, HibernateAfterTimeout, Debug1);
        {ok, {stop, Reason, NState}} ->
            terminate(Reason, stacktrace(), Name, From, Msg, Mod, NState, Debug);
        {'EXIT', Class, Reason, Stacktrace} ->
            terminate(Class, Reason, Stacktrace, Name, From, Msg, Mod, State, Debug);
        {ok, BadReply} ->
            terminate({bad_return_value, BadReply}, stacktrace(), Name, From, Msg, Mod, State,
                      Debug)
    end.

reply(Name, From, Reply, State, Debug) ->
    reply(From, Reply),
    sys:handle_debug(Debug, fun print_event/3, Name, {out, Reply, From, State}).

%% ---- system messages (called by sys) ----

system_continue(Parent, Debug, [Name, State, Mod, Time, HibernateAfterTimeout]) ->
    loop(Parent, Name, State, Mod, Time, HibernateAfterTimeout, Debug).

system_terminate(Reason, _Parent, Debug, [Name, State, Mod, _Time, _HibernateAfterTimeout]) ->
    terminate(Reason, stacktrace(), Name, undefined, [], Mod, State, Debug).

system_code_change([Name, State, Mod, Time, HibernateAfterTimeout], _Module, OldVsn, Extra) ->
    case catch Mod:code_change(OldVsn, State, Extra) of
        {ok, NewState} -> {ok, [Name, NewState, Mod, Time, HibernateAfterTimeout]};
        Else -> Else
    end.

system_get_state([_Name, State, _Mod, _Time, _HibernateAfterTimeout]) ->
    {ok, State}.

system_replace_state(StateFun, [Name, State, Mod, Time, HibernateAfterTimeout]) ->
    NState = StateFun(State),
    {ok, NState, [Name, NState, Mod, Time, HibernateAfterTimeout]}.

%% sys:get_status's data for a server, as OTP 25 lays it out.
format_status(Opt, StatusData) ->
    [PDict, SysState, Parent, Debug, [Name, State, Mod, _Time, _HibernateAfterTimeout]] =
        StatusData,
    Header = gen:format_status_header("Status for generic server", Name),
    Log = sys:get_log(Debug),
    Specific = case gen:format_status(Mod, Opt, #{state => State, log => Log}, [PDict, State]) of
                   #{'EXIT' := R} -> [{data, [{"State", R}]}];
                   #{'$status' := S} when is_list(S) -> S;
                   #{'$status' := S} -> [S];
                   #{state := S} -> [{data, [{"State", S}]}]
               end,
    [{header, Header},
     {data, [{"Status", SysState},
             {"Parent", Parent},
             {"Logged events", format_log_state(Mod, Log)}]}
     | Specific].

format_log_state(Mod, Log) ->
    case erlang:function_exported(Mod, format_status, 1) of
        true -> Log;
        false ->
            [case Event of
                 {out, Msg, From, State} ->
                     {out, Msg, From, format_state_2(Mod, State)};
                 {noreply, State} ->
                     {noreply, format_state_2(Mod, State)};
                 _ -> Event
             end || Event <- Log]
    end.

format_state_2(Mod, State) ->
    case gen:format_status(Mod, terminate, #{state => State}, [get(), State]) of
        #{'$status' := S} -> S;
        #{state := S} -> S
    end.

%% ---- terminate ----

terminate(Reason, Stacktrace, Name, From, Msg, Mod, State, Debug) ->
    terminate(exit, Reason, Stacktrace, false, Name, From, Msg, Mod, State, Debug).

terminate(Class, Reason, Stacktrace, Name, From, Msg, Mod, State, Debug) ->
    terminate(Class, Reason, Stacktrace, true, Name, From, Msg, Mod, State, Debug).

terminate(Class, Reason, Stacktrace, ReportStacktrace, Name, From, Msg, Mod, State, Debug) ->
    Reply = try_terminate(Mod, terminate_reason(Class, Reason, Stacktrace), State),
    case Reply of
        {'EXIT', C, R, S} ->
            error_info(R, S, Name, From, Msg, Mod, State, Debug),
            erlang:raise(C, R, S);
        _ ->
            case {Class, Reason} of
                {exit, normal} -> ok;
                {exit, shutdown} -> ok;
                {exit, {shutdown, _}} -> ok;
                _ when ReportStacktrace ->
                    error_info(Reason, Stacktrace, Name, From, Msg, Mod, State, Debug);
                _ ->
                    error_info(Reason, undefined, Name, From, Msg, Mod, State, Debug)
            end,
            erlang:raise(Class, Reason, Stacktrace)
    end.

terminate_reason(error, Reason, Stacktrace) -> {Reason, Stacktrace};
terminate_reason(exit, Reason, _Stacktrace) -> Reason;
terminate_reason(throw, Reason, Stacktrace) -> {{nocatch, Reason}, Stacktrace}.

%% The reason goes through format_status/1 alone; the stacktrace (undefined for a plain stop) is
%% added after, as in OTP 25.
error_info(Reason, Stacktrace, Name, From, Msg, Mod, State, Debug) ->
    Log = sys:get_log(Debug),
    Status = gen:format_status(Mod, terminate,
                               #{reason => Reason, state => State, message => Msg, log => Log},
                               [get(), State]),
    ReportState = case Status of
                      #{'EXIT' := E} -> E;
                      #{'$status' := S} -> S;
                      #{state := S} -> S
                  end,
    logger:log_report(error,
                      #{label => {gen_server, terminate},
                        name => Name,
                        last_message => maps:get(message, Status),
                        state => ReportState,
                        log => format_log_state(Mod, maps:get(log, Status)),
                        reason => case Stacktrace of
                                      undefined -> maps:get(reason, Status);
                                      _ -> {maps:get(reason, Status), Stacktrace}
                                  end,
                        client_info => client_stacktrace(From)},
                      #{domain => [otp], report_cb => fun gen_server:format_log/2,
                        error_logger => #{tag => error}}),
    ok.

client_stacktrace(undefined) -> undefined;
client_stacktrace({From, _Tag}) -> client_stacktrace(From);
client_stacktrace(From) when is_pid(From), node(From) =:= node() ->
    case catch erlang:process_info(From, [current_stacktrace, registered_name]) of
        undefined -> {From, dead};
        [{current_stacktrace, Stack}, {registered_name, []}] -> {From, {From, Stack}};
        [{current_stacktrace, Stack}, {registered_name, Name}] -> {From, {Name, Stack}};
        %% krarup without process_info(_, current_stacktrace): no client block.
        _ -> undefined
    end;
client_stacktrace(From) when is_pid(From) ->
    {From, remote}.

%% report_cb for gen_server's reports: format_log/1 gives {Format, Args}, format_log/2 the text.
format_log(Report) -> krarup_report:gen_server_report(Report).
format_log(Report, _FormatOpts) ->
    {Format, Args} = krarup_report:gen_server_report(Report),
    io_lib:format(Format, Args).

print_event(Dev, {in, Msg}, Name) ->
    case Msg of
        {'$gen_call', {From, _Tag}, Call} ->
            io:format(Dev, "*DBG* ~tp got call ~tp from ~tw~n", [Name, Call, From]);
        {'$gen_cast', Cast} ->
            io:format(Dev, "*DBG* ~tp got cast ~tp~n", [Name, Cast]);
        _ ->
            io:format(Dev, "*DBG* ~tp got ~tp~n", [Name, Msg])
    end;
print_event(Dev, {out, Msg, {To, _Tag}, State}, Name) ->
    io:format(Dev, "*DBG* ~tp sent ~tp to ~tw, new state ~tp~n", [Name, Msg, To, State]);
print_event(Dev, {noreply, State}, Name) ->
    io:format(Dev, "*DBG* ~tp new state ~tp~n", [Name, State]);
print_event(Dev, Event, Name) ->
    io:format(Dev, "*DBG* ~tp dbg  ~tp~n", [Name, Event]).
