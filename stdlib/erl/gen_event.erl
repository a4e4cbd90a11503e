%% gen_event: OTP 25's event manager behaviour (a manager process holding a
%% list of handlers, newest first), written for krarup on proc_lib, gen and
%% sys. Handler crashes remove the handler and log OTP's "** gen_event
%% handler ... crashed." report; supervised handlers tell their adder with
%% {gen_event_EXIT, Handler, Reason}.
-module(gen_event).

-export([start/0, start/1, start/2, start_link/0, start_link/1, start_link/2,
         start_monitor/0, start_monitor/1, start_monitor/2,
         stop/1, stop/3,
         notify/2, sync_notify/2, call/3, call/4,
         send_request/3, wait_response/2, receive_response/2,
         check_response/2,
         add_handler/3, add_sup_handler/3, delete_handler/3,
         swap_handler/3, swap_sup_handler/3, which_handlers/1]).

%% Called back by gen, sys and logger.
-export([init_it/6, wake_hib/5,
         system_continue/3, system_terminate/4, system_code_change/4,
         system_get_state/1, system_replace_state/2, format_status/2,
         format_log/1, format_log/2]).

-define(NO_CALLBACK, 'no callback module').

%% One installed handler; id is false for a handler added as a bare module;
%% supervised is false or the pid of the process that added it with
%% add_sup_handler (or swap_sup_handler).
-record(handler, {module, id = false, state, supervised = false}).

%%% ---------------------------------------------------------------------------
%%% API
%%% ---------------------------------------------------------------------------

%% start/0,1,2, start_link/0,1,2, start_monitor/0,1,2: as OTP, through gen.
start() ->
    gen:start(?MODULE, nolink, ?NO_CALLBACK, [], []).
start(Name) when is_tuple(Name) ->
    gen:start(?MODULE, nolink, Name, ?NO_CALLBACK, [], []);
start(Opts) when is_list(Opts) ->
    gen:start(?MODULE, nolink, ?NO_CALLBACK, [], Opts).
start(Name, Opts) ->
    gen:start(?MODULE, nolink, Name, ?NO_CALLBACK, [], Opts).

start_link() ->
    gen:start(?MODULE, link, ?NO_CALLBACK, [], []).
start_link(Name) when is_tuple(Name) ->
    gen:start(?MODULE, link, Name, ?NO_CALLBACK, [], []);
start_link(Opts) when is_list(Opts) ->
    gen:start(?MODULE, link, ?NO_CALLBACK, [], Opts).
start_link(Name, Opts) ->
    gen:start(?MODULE, link, Name, ?NO_CALLBACK, [], Opts).

start_monitor() ->
    gen:start(?MODULE, monitor, ?NO_CALLBACK, [], []).
start_monitor(Name) when is_tuple(Name) ->
    gen:start(?MODULE, monitor, Name, ?NO_CALLBACK, [], []);
start_monitor(Opts) when is_list(Opts) ->
    gen:start(?MODULE, monitor, ?NO_CALLBACK, [], Opts).
start_monitor(Name, Opts) ->
    gen:start(?MODULE, monitor, Name, ?NO_CALLBACK, [], Opts).

stop(M) ->
    gen:stop(M).
stop(M, Reason, Timeout) ->
    gen:stop(M, Reason, Timeout).

%% notify/2: asynchronous; ok even when the manager does not exist.
notify(M, Event) ->
    send(M, {notify, Event}).

%% sync_notify/2: returns when every handler has handled Event.
sync_notify(M, Event) ->
    rpc(M, {sync_notify, Event}).

%% call/3,4: Handler's handle_call reply, {error, bad_module} when it is
%% not installed, {error, {'EXIT', Reason}} when it crashed; a dead manager
%% exits {Reason, {gen_event, call, [M, Handler, Query]}}.
call(M, Handler, Query) ->
    call1(M, Handler, Query, infinity).
call(M, Handler, Query, Timeout) ->
    call1(M, Handler, Query, Timeout).

call1(M, Handler, Query, Timeout) ->
    try gen:call(M, self(), {call, Handler, Query}, Timeout) of
        {ok, Reply} ->
            Reply
    catch
        exit:Reason ->
            Args =
                case Timeout of
                    infinity -> [M, Handler, Query];
                    _ -> [M, Handler, Query, Timeout]
                end,
            exit({Reason, {?MODULE, call, Args}})
    end.

send_request(M, Handler, Query) ->
    gen:send_request(M, self(), {call, Handler, Query}).

wait_response(ReqId, Timeout) ->
    gen:wait_response(ReqId, Timeout).

receive_response(ReqId, Timeout) ->
    gen:receive_response(ReqId, Timeout).

check_response(Msg, ReqId) ->
    gen:check_response(Msg, ReqId).

%% add_handler/3: ok, or what Handler's init/1 returned instead of {ok, S}
%% ({'EXIT', Reason} when it crashed).
add_handler(M, Handler, Args) ->
    rpc(M, {add_handler, Handler, Args}).

%% add_sup_handler/3: as add_handler, linked to the caller, who gets
%% {gen_event_EXIT, Handler, Reason} when the handler goes away.
add_sup_handler(M, Handler, Args) ->
    rpc(M, {add_sup_handler, Handler, Args, self()}).

%% delete_handler/3: the handler's terminate result, or
%% {error, module_not_found}.
delete_handler(M, Handler, Args) ->
    rpc(M, {delete_handler, Handler, Args}).

swap_handler(M, {H1, A1}, {H2, A2}) ->
    rpc(M, {swap_handler, H1, A1, H2, A2}).

swap_sup_handler(M, {H1, A1}, {H2, A2}) ->
    rpc(M, {swap_sup_handler, H1, A1, H2, A2, self()}).

%% which_handlers/1: installed handlers, newest first.
which_handlers(M) ->
    rpc(M, which_handlers).

rpc(M, Cmd) ->
    {ok, Reply} = gen:call(M, self(), Cmd, infinity),
    Reply.

send({global, Name}, Msg) ->
    catch global:send(Name, Msg),
    ok;
send({via, Mod, Name}, Msg) ->
    catch Mod:send(Name, Msg),
    ok;
send(M, Msg) ->
    catch erlang:send(M, Msg),
    ok.

%%% ---------------------------------------------------------------------------
%%% The manager process
%%% ---------------------------------------------------------------------------

%% init_it/6: called by gen in the new process. The manager traps exits so
%% that it sees its supervised handlers' adders die.
init_it(Starter, self, Name, Mod, Args, Options) ->
    init_it(Starter, self(), Name, Mod, Args, Options);
init_it(Starter, Parent, Name0, _, _, Options) ->
    process_flag(trap_exit, true),
    Name = gen:name(Name0),
    Debug = gen:debug_options(Name, Options),
    HibernateAfter = gen:hibernate_after(Options),
    proc_lib:init_ack(Starter, {ok, self()}),
    loop(Parent, Name, [], HibernateAfter, Debug, false).

%% wake_hib/5: where a hibernated manager resumes.
wake_hib(Parent, ServerName, MSL, HibernateAfter, Debug) ->
    fetch_msg(Parent, ServerName, MSL, HibernateAfter, Debug, true).

loop(Parent, ServerName, MSL, HibernateAfter, Debug, true) ->
    proc_lib:hibernate(?MODULE, wake_hib,
                     [Parent, ServerName, MSL, HibernateAfter, Debug]);
loop(Parent, ServerName, MSL, HibernateAfter, Debug, false) ->
    fetch_msg(Parent, ServerName, MSL, HibernateAfter, Debug, false).

fetch_msg(Parent, ServerName, MSL, HibernateAfter, Debug, Hib) ->
    receive
        {system, From, Req} ->
            sys:handle_system_msg(Req, From, Parent, ?MODULE, Debug,
                                  [ServerName, MSL, HibernateAfter, Hib], Hib);
        {'EXIT', Parent, Reason} ->
            terminate_server(Reason, Parent, MSL, ServerName);
        Msg when Debug =:= [] ->
            handle_msg(Msg, Parent, ServerName, MSL, HibernateAfter, []);
        Msg ->
            Debug1 = sys:handle_debug(Debug, fun print_event/3, ServerName,
                                      {in, Msg}),
            handle_msg(Msg, Parent, ServerName, MSL, HibernateAfter, Debug1)
    after HibernateAfter ->
            loop(Parent, ServerName, MSL, HibernateAfter, Debug, true)
    end.

handle_msg(Msg, Parent, ServerName, MSL, HA, Debug) ->
    case Msg of
        {notify, Event} ->
            {Hib, MSL1} = server_notify(Event, handle_event, MSL, ServerName),
            loop(Parent, ServerName, MSL1, HA, Debug, Hib);
        {_From, Tag, {sync_notify, Event}} ->
            {Hib, MSL1} = server_notify(Event, handle_event, MSL, ServerName),
            reply(Tag, ok),
            loop(Parent, ServerName, MSL1, HA, Debug, Hib);
        {'EXIT', From, Reason} ->
            MSL1 = handle_exit(From, Reason, MSL, ServerName),
            loop(Parent, ServerName, MSL1, HA, Debug, false);
        {_From, Tag, {call, Handler, Query}} ->
            {Hib, Reply, MSL1} = server_call(Handler, Query, MSL, ServerName),
            reply(Tag, Reply),
            loop(Parent, ServerName, MSL1, HA, Debug, Hib);
        {_From, Tag, {add_handler, Handler, Args}} ->
            {Hib, Reply, MSL1} = server_add_handler(Handler, Args, MSL),
            reply(Tag, Reply),
            loop(Parent, ServerName, MSL1, HA, Debug, Hib);
        {_From, Tag, {add_sup_handler, Handler, Args, SupP}} ->
            {Hib, Reply, MSL1} =
                server_add_sup_handler(Handler, Args, MSL, SupP),
            reply(Tag, Reply),
            loop(Parent, ServerName, MSL1, HA, Debug, Hib);
        {_From, Tag, {delete_handler, Handler, Args}} ->
            {Reply, MSL1} = server_delete_handler(Handler, Args, MSL,
                                                  ServerName),
            reply(Tag, Reply),
            loop(Parent, ServerName, MSL1, HA, Debug, false);
        {_From, Tag, {swap_handler, H1, A1, H2, A2}} ->
            {Hib, Reply, MSL1} = server_swap_handler(H1, A1, H2, A2, MSL,
                                                     false, ServerName),
            reply(Tag, Reply),
            loop(Parent, ServerName, MSL1, HA, Debug, Hib);
        {_From, Tag, {swap_sup_handler, H1, A1, H2, A2, Sup}} ->
            {Hib, Reply, MSL1} = server_swap_handler(H1, A1, H2, A2, MSL,
                                                     Sup, ServerName),
            reply(Tag, Reply),
            loop(Parent, ServerName, MSL1, HA, Debug, Hib);
        {_From, Tag, stop} ->
            catch terminate_server(normal, Parent, MSL, ServerName),
            reply(Tag, ok);
        {_From, Tag, which_handlers} ->
            reply(Tag, [handler_id(H) || H <- MSL]),
            loop(Parent, ServerName, MSL, HA, Debug, false);
        {_From, Tag, get_modules} ->
            reply(Tag, lists:usort([H#handler.module || H <- MSL])),
            loop(Parent, ServerName, MSL, HA, Debug, false);
        Other ->
            {Hib, MSL1} = server_notify(Other, handle_info, MSL, ServerName),
            loop(Parent, ServerName, MSL1, HA, Debug, Hib)
    end.

reply(From, Reply) ->
    gen:reply(From, Reply).

%% The manager stops: every handler's terminate(stop, S), supervisors told
%% shutdown, then exit with Reason.
terminate_server(Reason, Parent, MSL, ServerName) ->
    stop_handlers(MSL, ServerName),
    do_unlink(Parent, MSL),
    exit(Reason).

stop_handlers([Handler | T], SName) ->
    do_terminate(Handler#handler.module, Handler, stop, Handler#handler.state,
                 stop, SName, shutdown),
    stop_handlers(T, SName);
stop_handlers([], _) ->
    ok.

do_unlink(Parent, MSL) ->
    lists:foreach(fun(#handler{supervised = Pid}) when is_pid(Pid),
                                                       Pid =/= Parent ->
                          unlink(Pid);
                     (_) ->
                          ok
                  end,
                  MSL).

%% An adder of supervised handlers died: those handlers terminate with
%% {stop, Reason}; then every handler sees the 'EXIT' as handle_info.
handle_exit(From, Reason, MSL, SName) ->
    MSL1 = terminate_supervised(From, Reason, MSL, SName),
    {_, MSL2} = server_notify({'EXIT', From, Reason}, handle_info, MSL1, SName),
    MSL2.

terminate_supervised(Pid, Reason, MSL, SName) ->
    lists:filter(
      fun(#handler{supervised = Sup} = Ha) when Sup =:= Pid ->
              do_terminate(Ha#handler.module, Ha, {stop, Reason},
                           Ha#handler.state, {parent_terminated, {Pid, Reason}},
                           SName, shutdown),
              false;
         (_) ->
              true
      end,
      MSL).

%%% ---------------------------------------------------------------------------
%%% Handlers
%%% ---------------------------------------------------------------------------

server_add_handler({Mod, Id}, Args, MSL) ->
    server_add_handler(Mod, #handler{module = Mod, id = Id}, Args, MSL);
server_add_handler(Mod, Args, MSL) ->
    server_add_handler(Mod, #handler{module = Mod}, Args, MSL).

server_add_handler(Mod, Handler, Args, MSL) ->
    case catch Mod:init(Args) of
        {ok, State} ->
            {false, ok, [Handler#handler{state = State} | MSL]};
        {ok, State, hibernate} ->
            {true, ok, [Handler#handler{state = State} | MSL]};
        Other ->
            {false, Other, MSL}
    end.

server_add_sup_handler({Mod, Id}, Args, MSL, Parent) ->
    link(Parent),
    Handler = #handler{module = Mod, id = Id, supervised = Parent},
    server_add_handler(Mod, Handler, Args, MSL);
server_add_sup_handler(Mod, Args, MSL, Parent) ->
    link(Parent),
    Handler = #handler{module = Mod, supervised = Parent},
    server_add_handler(Mod, Handler, Args, MSL).

server_delete_handler(HandlerId, Args, MSL, SName) ->
    case split(HandlerId, MSL) of
        {Mod, Handler, MSL1} ->
            {do_terminate(Mod, Handler, Args, Handler#handler.state, delete,
                          SName, normal),
             MSL1};
        error ->
            {{error, module_not_found}, MSL}
    end.

server_swap_handler(Handler1, Args1, Handler2, Args2, MSL, Sup, SName) ->
    {State2, Sup1, MSL1} =
        split_and_terminate(Handler1, Args1, MSL, SName, Handler2, Sup),
    case add_swapped(Sup1, Handler2, {Args2, State2}, MSL1) of
        {Hib, ok, MSL2} -> {Hib, ok, MSL2};
        {Hib, What, MSL2} -> {Hib, {error, What}, MSL2}
    end.

add_swapped(false, Handler, Args, MSL) ->
    server_add_handler(Handler, Args, MSL);
add_swapped(Pid, Handler, Args, MSL) ->
    server_add_sup_handler(Handler, Args, MSL, Pid).

split_and_terminate(Handler, Args, MSL, SName, Handler2, Sup) ->
    case split(Handler, MSL) of
        {Mod, Ha, MSL1} ->
            OldSup = Ha#handler.supervised,
            NewSup =
                case Sup of
                    false -> OldSup;
                    _ -> Sup
                end,
            {do_terminate(Mod, Ha, Args, Ha#handler.state, swapped, SName,
                          {swapped, Handler2, NewSup}),
             NewSup, MSL1};
        error ->
            {error, Sup, MSL}
    end.

%% Runs Func (handle_event or handle_info) of every handler in order.
server_notify(Event, Func, [Handler | T], SName) ->
    case server_update(Handler, Func, Event, SName) of
        {ok, Handler1} ->
            {Hib, NewHandlers} = server_notify(Event, Func, T, SName),
            {Hib, [Handler1 | NewHandlers]};
        {hibernate, Handler1} ->
            {_Hib, NewHandlers} = server_notify(Event, Func, T, SName),
            {true, [Handler1 | NewHandlers]};
        no ->
            server_notify(Event, Func, T, SName)
    end;
server_notify(_, _, [], _) ->
    {false, []}.

server_update(Handler1, Func, Event, SName) ->
    Mod1 = Handler1#handler.module,
    State = Handler1#handler.state,
    case has_callback(Mod1, Func) of
        true ->
            case catch Mod1:Func(Event, State) of
                {ok, State1} ->
                    {ok, Handler1#handler{state = State1}};
                {ok, State1, hibernate} ->
                    {hibernate, Handler1#handler{state = State1}};
                {swap_handler, Args1, State1, Handler2, Args2} ->
                    do_swap(Mod1, Handler1, Args1, State1, Handler2, Args2,
                            SName);
                remove_handler ->
                    do_terminate(Mod1, Handler1, remove_handler, State, remove,
                                 SName, normal),
                    no;
                Other ->
                    do_terminate(Mod1, Handler1, {error, Other}, State, Event,
                                 SName, crash),
                    no
            end;
        false ->
            logger:warning("** Undefined ~p in ~tp~n** Unhandled message: ~tp~n",
                           [Func, Mod1, Event]),
            {ok, Handler1}
    end.

%% handle_info/2 is optional (OTP 25 warns and keeps the handler).
has_callback(Mod, handle_info) ->
    erlang:function_exported(Mod, handle_info, 2);
has_callback(_Mod, _Func) ->
    true.

do_swap(Mod1, Handler1, Args1, State1, Handler2, Args2, SName) ->
    State2 = do_terminate(Mod1, Handler1, Args1, State1, swapped, SName,
                          {swapped, Handler2, Handler1#handler.supervised}),
    {Mod2, Handler} = new_handler(Handler2, Handler1),
    case catch Mod2:init({Args2, State2}) of
        {ok, State2a} ->
            {ok, Handler#handler{state = State2a}};
        {ok, State2a, hibernate} ->
            {hibernate, Handler#handler{state = State2a}};
        Other ->
            report_terminate(Handler, crash, {error, Other}, undefined,
                             swapped, SName, none),
            no
    end.

new_handler({Mod, Id}, Handler1) ->
    {Mod, #handler{module = Mod, id = Id,
                   supervised = Handler1#handler.supervised}};
new_handler(Mod, Handler1) ->
    {Mod, #handler{module = Mod, supervised = Handler1#handler.supervised}}.

%% Finds a handler: a bare module matches a handler added without an id.
split(Ha, MSL) ->
    split(Ha, MSL, []).

split(Ha, [H | T], L) ->
    case matches(Ha, H) of
        true -> {H#handler.module, H, lists:reverse(L, T)};
        false -> split(Ha, T, [H | L])
    end;
split(_, [], _) ->
    error.

matches({Mod, Id}, #handler{module = Mod, id = Id}) -> true;
matches(Mod, #handler{module = Mod, id = false}) -> true;
matches(_, _) -> false.

server_call(Handler, Query, MSL, SName) ->
    case split(Handler, MSL) of
        {_Mod, Ha, _} ->
            case server_call_update(Ha, Query, SName) of
                {no, Reply} ->
                    {false, Reply, delete(Handler, MSL)};
                {{ok, Ha1}, Reply} ->
                    {false, Reply, replace(Handler, MSL, Ha1)};
                {{hibernate, Ha1}, Reply} ->
                    {true, Reply, replace(Handler, MSL, Ha1)}
            end;
        error ->
            {false, {error, bad_module}, MSL}
    end.

delete(Handler, [Ha | MSL]) ->
    case matches(Handler, Ha) of
        true -> MSL;
        false -> [Ha | delete(Handler, MSL)]
    end;
delete(_, []) ->
    [].

replace(Handler, [Ha | MSL], NewHa) ->
    case matches(Handler, Ha) of
        true -> [NewHa | MSL];
        false -> [Ha | replace(Handler, MSL, NewHa)]
    end;
replace(_, [], NewHa) ->
    [NewHa].

server_call_update(Handler1, Query, SName) ->
    Mod1 = Handler1#handler.module,
    State = Handler1#handler.state,
    case catch Mod1:handle_call(Query, State) of
        {ok, Reply, State1} ->
            {{ok, Handler1#handler{state = State1}}, Reply};
        {ok, Reply, State1, hibernate} ->
            {{hibernate, Handler1#handler{state = State1}}, Reply};
        {swap_handler, Reply, Args1, State1, Handler2, Args2} ->
            {do_swap(Mod1, Handler1, Args1, State1, Handler2, Args2, SName),
             Reply};
        {remove_handler, Reply} ->
            do_terminate(Mod1, Handler1, remove_handler, State, remove, SName,
                         normal),
            {no, Reply};
        Other ->
            do_terminate(Mod1, Handler1, {error, Other}, State, Query, SName,
                         crash),
            {no, {error, Other}}
    end.

%% Calls Mod:terminate(Args, State) when exported and returns its result
%% (ok otherwise); reports the removal and tells a supervising process.
do_terminate(Mod, Handler, Args, State, LastIn, SName, Reason) ->
    case erlang:function_exported(Mod, terminate, 2) of
        true ->
            Res = (catch Mod:terminate(Args, State)),
            report_terminate(Handler, Reason, Args, State, LastIn, SName, Res),
            Res;
        false ->
            report_terminate(Handler, Reason, Args, State, LastIn, SName, ok),
            ok
    end.

report_terminate(Handler, crash, {error, Why}, State, LastIn, SName, _) ->
    report_terminate(Handler, Why, State, LastIn, SName);
report_terminate(Handler, How, _, State, LastIn, SName, _) ->
    report_terminate(Handler, How, State, LastIn, SName).

report_terminate(Handler, Reason, State, LastIn, SName) ->
    report_error(Handler, Reason, State, LastIn, SName),
    case Handler#handler.supervised of
        false ->
            ok;
        Pid ->
            Pid ! {gen_event_EXIT, handler_id(Handler), Reason},
            ok
    end.

report_error(_Handler, normal, _, _, _) -> ok;
report_error(_Handler, shutdown, _, _, _) -> ok;
report_error(_Handler, {swapped, _, _}, _, _, _) -> ok;
report_error(Handler, Reason, State, LastIn, SName) ->
    logger:error(#{label => {gen_event, terminate},
                   handler => handler_id(Handler),
                   name => SName,
                   last_message => LastIn,
                   state => State,
                   reason => Reason},
                 #{domain => [otp],
                   report_cb => fun gen_event:format_log/2,
                   error_logger => #{tag => error,
                                     report_cb => fun gen_event:format_log/1}}).

handler_id(#handler{module = Mod, id = false}) -> Mod;
handler_id(#handler{module = Mod, id = Id}) -> {Mod, Id}.

%%% ---------------------------------------------------------------------------
%%% sys callbacks and the report
%%% ---------------------------------------------------------------------------

system_continue(Parent, Debug, [ServerName, MSL, HibernateAfter, Hib]) ->
    loop(Parent, ServerName, MSL, HibernateAfter, Debug, Hib).

system_terminate(Reason, Parent, _Debug, [ServerName, MSL, _HA, _Hib]) ->
    terminate_server(Reason, Parent, MSL, ServerName).

%% Every handler's code_change(OldVsn, State, Extra) whose module is Module.
system_code_change([ServerName, MSL, HA, Hib], Module, OldVsn, Extra) ->
    MSL1 = lists:filtermap(
             fun(H) when H#handler.module =:= Module ->
                     {ok, NewState} =
                         Module:code_change(OldVsn, H#handler.state, Extra),
                     {true, H#handler{state = NewState}};
                (_) ->
                     true
             end,
             MSL),
    {ok, [ServerName, MSL1, HA, Hib]}.

%% sys:get_state/1 of a manager: [{Module, Id, State}], newest first.
system_get_state([_ServerName, MSL, _HA, _Hib]) ->
    {ok, [{Mod, Id, State} || #handler{module = Mod, id = Id,
                                       state = State} <- MSL]}.

system_replace_state(StateFun, [ServerName, MSL, HA, Hib]) ->
    {NewMSL, NewStates} =
        lists:unzip(
          [begin
               Cur = {Mod, Id, State},
               try StateFun(Cur) of
                   {Mod, Id, NewState} = New ->
                       {HS#handler{state = NewState}, New}
               catch
                   throw:_ -> {HS, Cur}
               end
           end || #handler{module = Mod, id = Id, state = State} = HS <- MSL]),
    {ok, NewStates, [ServerName, NewMSL, HA, Hib]}.

format_status(_Opt, [_PDict, SysState, Parent, Debug,
                     [ServerName, MSL, _HA, _Hib]]) ->
    Header = gen:format_status_header("Status for event handler", ServerName),
    [{header, Header},
     {data, [{"Status", SysState},
             {"Logged Events", sys:get_log(Debug)},
             {"Parent", Parent}]},
     {items, {"Installed handlers", MSL}}].

print_event(Dev, {in, Msg}, Name) ->
    case Msg of
        {notify, Event} ->
            io:format(Dev, "*DBG* ~tp got event ~tp~n", [Name, Event]);
        {_, _, {call, Handler, Query}} ->
            io:format(Dev, "*DBG* ~tp(~tp) got call ~tp~n",
                      [Name, Handler, Query]);
        _ ->
            io:format(Dev, "*DBG* ~tp got ~tp~n", [Name, Msg])
    end;
print_event(Dev, Dbg, Name) ->
    io:format(Dev, "*DBG* ~tp : ~tp~n", [Name, Dbg]).

%% format_log/1: {Format, Args} for error_logger handlers.
format_log(#{label := {gen_event, terminate}, handler := Handler,
             name := SName, last_message := LastIn, state := State,
             reason := Reason}) ->
    Reason1 =
        case Reason of
            {'EXIT', Why} -> Why;
            _ -> Reason
        end,
    {"** gen_event handler ~tp crashed.~n"
     "** Was installed in ~tp~n"
     "** Last event was: ~tp~n"
     "** When handler state == ~tp~n"
     "** Reason == ~tp~n",
     [Handler, SName, LastIn, State, Reason1]}.

%% format_log/2: the report text as logger's default formatter prints it.
format_log(Report, _FormatOpts) ->
    {Format, Args} = format_log(Report),
    io_lib:format(Format, Args).
