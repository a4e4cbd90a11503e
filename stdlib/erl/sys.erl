%% sys: OTP 25's system-message interface. The client side (get_state, get_status, suspend,
%% change_code, ...) sends {system, From, Req} through gen:call; the process side
%% (handle_system_msg, handle_debug, debug_options, get_log) is what every behaviour's loop calls,
%% with callbacks Mod:system_continue/3, system_terminate/4, system_code_change/4,
%% system_get_state/1, system_replace_state/2 and format_status/2.
-module(sys).
-export([suspend/1, suspend/2, resume/1, resume/2, get_state/1, get_state/2,
         replace_state/2, replace_state/3, get_status/1, get_status/2,
         change_code/4, change_code/5, terminate/2, terminate/3,
         log/2, log/3, trace/2, trace/3, statistics/2, statistics/3, no_debug/1, no_debug/2,
         install/2, install/3, remove/2, remove/3, log_to_file/2, log_to_file/3]).
-export([handle_system_msg/6, handle_system_msg/7, handle_debug/4, debug_options/1,
         get_log/1, get_debug/3, print_log/1, suspend_loop_hib/6]).

-define(DEFAULT_TIMEOUT, 5000).

%% ---- client side ----

suspend(Name) -> send_system_msg(Name, suspend).
suspend(Name, Timeout) -> send_system_msg(Name, suspend, Timeout).
resume(Name) -> send_system_msg(Name, resume).
resume(Name, Timeout) -> send_system_msg(Name, resume, Timeout).

get_state(Name) ->
    case send_system_msg(Name, get_state) of
        {error, {callback_failed, _, _} = Reason} -> erlang:error(Reason);
        State -> State
    end.
get_state(Name, Timeout) ->
    case send_system_msg(Name, get_state, Timeout) of
        {error, {callback_failed, _, _} = Reason} -> erlang:error(Reason);
        State -> State
    end.

replace_state(Name, StateFun) ->
    case send_system_msg(Name, {replace_state, StateFun}) of
        {error, {callback_failed, _, _} = Reason} -> erlang:error(Reason);
        State -> State
    end.
replace_state(Name, StateFun, Timeout) ->
    case send_system_msg(Name, {replace_state, StateFun}, Timeout) of
        {error, {callback_failed, _, _} = Reason} -> erlang:error(Reason);
        State -> State
    end.

get_status(Name) -> send_system_msg(Name, get_status).
get_status(Name, Timeout) -> send_system_msg(Name, get_status, Timeout).

change_code(Name, Mod, Vsn, Extra) ->
    send_system_msg(Name, {change_code, Mod, Vsn, Extra}).
change_code(Name, Mod, Vsn, Extra, Timeout) ->
    send_system_msg(Name, {change_code, Mod, Vsn, Extra}, Timeout).

terminate(Name, Reason) -> send_system_msg(Name, {terminate, Reason}).
terminate(Name, Reason, Timeout) -> send_system_msg(Name, {terminate, Reason}, Timeout).

log(Name, Flag) -> send_system_msg(Name, {debug, {log, Flag}}).
log(Name, Flag, Timeout) -> send_system_msg(Name, {debug, {log, Flag}}, Timeout).
trace(Name, Flag) -> send_system_msg(Name, {debug, {trace, Flag}}).
trace(Name, Flag, Timeout) -> send_system_msg(Name, {debug, {trace, Flag}}, Timeout).
statistics(Name, Flag) -> send_system_msg(Name, {debug, {statistics, Flag}}).
statistics(Name, Flag, Timeout) -> send_system_msg(Name, {debug, {statistics, Flag}}, Timeout).
no_debug(Name) -> send_system_msg(Name, {debug, no_debug}).
no_debug(Name, Timeout) -> send_system_msg(Name, {debug, no_debug}, Timeout).
install(Name, FuncSpec) -> send_system_msg(Name, {debug, {install, FuncSpec}}).
install(Name, FuncSpec, Timeout) -> send_system_msg(Name, {debug, {install, FuncSpec}}, Timeout).
remove(Name, Func) -> send_system_msg(Name, {debug, {remove, Func}}).
remove(Name, Func, Timeout) -> send_system_msg(Name, {debug, {remove, Func}}, Timeout).
%% krarup has no file output for the debug log: accepted and ignored like `false`.
log_to_file(Name, File) -> send_system_msg(Name, {debug, {log_to_file, File}}).
log_to_file(Name, File, Timeout) -> send_system_msg(Name, {debug, {log_to_file, File}}, Timeout).

send_system_msg(Name, Request) ->
    try gen:call(Name, system, Request) of
        {ok, Res} -> Res
    catch
        exit:Reason -> exit({Reason, mfa(Name, Request)})
    end.

send_system_msg(Name, Request, Timeout) ->
    try gen:call(Name, system, Request, Timeout) of
        {ok, Res} -> Res
    catch
        exit:Reason -> exit({Reason, mfa(Name, Request, Timeout)})
    end.

mfa(Name, {debug, {Func, Arg2}}) -> {sys, Func, [Name, Arg2]};
mfa(Name, {debug, no_debug}) -> {sys, no_debug, [Name]};
mfa(Name, {change_code, Mod, Vsn, Extra}) -> {sys, change_code, [Name, Mod, Vsn, Extra]};
mfa(Name, {terminate, Reason}) -> {sys, terminate, [Name, Reason]};
mfa(Name, {replace_state, StateFun}) -> {sys, replace_state, [Name, StateFun]};
mfa(Name, Atom) -> {sys, Atom, [Name]}.

mfa(Name, Req, Timeout) ->
    {M, F, A} = mfa(Name, Req),
    {M, F, A ++ [Timeout]}.

%% ---- process side ----

%% Serves one system message for a process whose loop is Mod; continues through
%% Mod:system_continue/3 or Mod:system_terminate/4, or waits while suspended.
handle_system_msg(Msg, From, Parent, Mod, Debug, Misc) ->
    handle_system_msg(running, Msg, From, Parent, Mod, Debug, Misc, false).

handle_system_msg(Msg, From, Parent, Mod, Debug, Misc, Hib) ->
    handle_system_msg(running, Msg, From, Parent, Mod, Debug, Misc, Hib).

handle_system_msg(SysState, Msg, From, Parent, Mod, Debug, Misc, Hib) ->
    case do_cmd(SysState, Msg, Parent, Mod, Debug, Misc) of
        {suspended, Reply, NDebug, NMisc} ->
            _ = gen:reply(From, Reply),
            suspend_loop(suspended, Parent, Mod, NDebug, NMisc, Hib);
        {running, Reply, NDebug, NMisc} ->
            _ = gen:reply(From, Reply),
            Mod:system_continue(Parent, NDebug, NMisc);
        {{terminating, Reason}, Reply, NDebug, NMisc} ->
            _ = gen:reply(From, Reply),
            Mod:system_terminate(Reason, Parent, NDebug, NMisc)
    end.

%% While suspended only system messages and the parent's exit are taken; the rest wait.
suspend_loop(SysState, Parent, Mod, Debug, Misc, Hib) ->
    receive
        {system, From, Msg} ->
            handle_system_msg(SysState, Msg, From, Parent, Mod, Debug, Misc, Hib);
        {'EXIT', Parent, Reason} ->
            Mod:system_terminate(Reason, Parent, Debug, Misc)
    end.

suspend_loop_hib(SysState, Parent, Mod, Debug, Misc, Hib) ->
    suspend_loop(SysState, Parent, Mod, Debug, Misc, Hib).

do_cmd(_, suspend, _Parent, _Mod, Debug, Misc) ->
    {suspended, ok, Debug, Misc};
do_cmd(_, resume, _Parent, _Mod, Debug, Misc) ->
    {running, ok, Debug, Misc};
do_cmd(SysState, get_state, _Parent, Mod, Debug, Misc) ->
    {SysState, do_get_state(Mod, Misc), Debug, Misc};
do_cmd(SysState, {replace_state, StateFun}, _Parent, Mod, Debug, Misc) ->
    {Res, NMisc} = do_replace_state(StateFun, Mod, Misc),
    {SysState, Res, Debug, NMisc};
do_cmd(SysState, get_status, Parent, Mod, Debug, Misc) ->
    {SysState, get_status(SysState, Parent, Mod, Debug, Misc), Debug, Misc};
do_cmd(SysState, {debug, What}, _Parent, _Mod, Debug, Misc) ->
    {Res, NDebug} = debug_cmd(What, Debug),
    {SysState, Res, NDebug, Misc};
do_cmd(_, {terminate, Reason}, _Parent, _Mod, Debug, Misc) ->
    {{terminating, Reason}, ok, Debug, Misc};
do_cmd(suspended, {change_code, Module, Vsn, Extra}, _Parent, Mod, Debug, Misc) ->
    {Res, NMisc} = do_change_code(Mod, Module, Vsn, Extra, Misc),
    {suspended, Res, Debug, NMisc};
do_cmd(SysState, Other, _Parent, _Mod, Debug, Misc) ->
    {SysState, {error, {unknown_system_msg, Other}}, Debug, Misc}.

do_get_state(Mod, Misc) ->
    case erlang:function_exported(Mod, system_get_state, 1) of
        true ->
            try
                {ok, State} = Mod:system_get_state(Misc),
                State
            catch
                Cl:Exc -> {error, {callback_failed, {Mod, system_get_state}, {Cl, Exc}}}
            end;
        false ->
            Misc
    end.

do_replace_state(StateFun, Mod, Misc) ->
    case erlang:function_exported(Mod, system_replace_state, 2) of
        true ->
            try
                {ok, State, NMisc} = Mod:system_replace_state(StateFun, Misc),
                {State, NMisc}
            catch
                Cl:Exc ->
                    {{error, {callback_failed, {Mod, system_replace_state}, {Cl, Exc}}}, Misc}
            end;
        false ->
            try
                NMisc = StateFun(Misc),
                {NMisc, NMisc}
            catch
                Cl:Exc -> {{error, {callback_failed, StateFun, {Cl, Exc}}}, Misc}
            end
    end.

get_status(SysState, Parent, Mod, Debug, Misc) ->
    PDict = get(),
    FmtMisc = case erlang:function_exported(Mod, format_status, 2) of
                  true -> Mod:format_status(normal, [PDict, SysState, Parent, Debug, Misc]);
                  false -> Misc
              end,
    {status, self(), {module, Mod}, [PDict, SysState, Parent, Debug, FmtMisc]}.

do_change_code(Mod, Module, Vsn, Extra, Misc) ->
    case catch Mod:system_code_change(Misc, Module, Vsn, Extra) of
        {ok, NMisc} -> {ok, NMisc};
        Else -> {{error, Else}, Misc}
    end.

%% ---- debug options ----
%% Debug is a list of {trace, true}, {log, {N, Events}}, {statistics, Stats},
%% {install, {Func, FuncState}} items, [] when none is on.

debug_options(Options) ->
    debug_options(Options, []).

debug_options([trace | T], Debug) ->
    debug_options(T, install_debug(trace, true, Debug));
debug_options([log | T], Debug) ->
    debug_options(T, install_debug(log, {10, []}, Debug));
debug_options([{log, N} | T], Debug) when is_integer(N), N > 0 ->
    debug_options(T, install_debug(log, {N, []}, Debug));
debug_options([statistics | T], Debug) ->
    debug_options(T, install_debug(statistics, init_stat(), Debug));
debug_options([{log_to_file, _File} | T], Debug) ->
    debug_options(T, Debug);
debug_options([{install, {Func, FuncState}} | T], Debug) ->
    debug_options(T, install_debug(install, {Func, FuncState}, Debug));
debug_options([_ | T], Debug) ->
    debug_options(T, Debug);
debug_options([], Debug) ->
    Debug.

install_debug(Item, Data, Debug) ->
    case lists:keyfind(Item, 1, Debug) of
        false when Item =:= install -> [{Item, Data} | Debug];
        false -> [{Item, Data} | Debug];
        _ when Item =:= install -> [{Item, Data} | Debug];
        _ -> Debug
    end.

remove_debug(Item, Debug) -> lists:keydelete(Item, 1, Debug).

get_debug(Item, Debug, Default) ->
    case lists:keyfind(Item, 1, Debug) of
        {Item, Data} -> Data;
        false -> Default
    end.

debug_cmd({trace, true}, Debug) -> {ok, install_debug(trace, true, Debug)};
debug_cmd({trace, false}, Debug) -> {ok, remove_debug(trace, Debug)};
debug_cmd({log, true}, Debug) ->
    {_N, Logs} = get_debug(log, Debug, {0, []}),
    {ok, install_debug(log, {10, trim(10, Logs)}, remove_debug(log, Debug))};
debug_cmd({log, {true, N}}, Debug) when is_integer(N), N > 0 ->
    {_, Logs} = get_debug(log, Debug, {0, []}),
    {ok, install_debug(log, {N, trim(N, Logs)}, remove_debug(log, Debug))};
debug_cmd({log, false}, Debug) -> {ok, remove_debug(log, Debug)};
debug_cmd({log, print}, Debug) ->
    print_log(Debug),
    {ok, Debug};
debug_cmd({log, get}, Debug) ->
    {_N, Logs} = get_debug(log, Debug, {0, []}),
    {{ok, [Event || {Event, _State, _FormFunc} <- lists:reverse(Logs)]}, Debug};
debug_cmd({statistics, true}, Debug) ->
    {ok, install_debug(statistics, init_stat(), remove_debug(statistics, Debug))};
debug_cmd({statistics, false}, Debug) -> {ok, remove_debug(statistics, Debug)};
debug_cmd({statistics, get}, Debug) ->
    {get_stat(get_debug(statistics, Debug, [])), Debug};
debug_cmd(no_debug, _Debug) -> {ok, []};
debug_cmd({install, {Func, FuncState}}, Debug) ->
    {ok, [{install, {Func, FuncState}} | Debug]};
debug_cmd({install, {_FuncId, Func, FuncState}}, Debug) ->
    {ok, [{install, {Func, FuncState}} | Debug]};
debug_cmd({remove, Func}, Debug) ->
    {ok, [D || D <- Debug, not is_install_of(Func, D)]};
debug_cmd({log_to_file, _}, Debug) -> {ok, Debug};
debug_cmd(_Unknown, Debug) -> {unknown_debug, Debug}.

is_install_of(Func, {install, {Func, _}}) -> true;
is_install_of(_, _) -> false.

trim(N, Logs) -> lists:sublist(Logs, N).

init_stat() ->
    {erlang:localtime(), reductions(), 0, 0}.

reductions() ->
    {reductions, R} = erlang:process_info(self(), reductions),
    R.

get_stat([]) -> {ok, no_statistics};
get_stat({Time, Reductions0, MsgIn, MsgOut}) ->
    {ok, [{start_time, Time}, {current_time, erlang:localtime()},
          {reductions, reductions() - Reductions0},
          {messages_in, MsgIn}, {messages_out, MsgOut}]}.

%% Records Event in the debug items: prints it (trace, to standard_io as OTP), logs it, counts it.
handle_debug([], _FormFunc, _State, _Event) ->
    [];
handle_debug(Debug, FormFunc, State, Event) ->
    [debug_item(Item, FormFunc, State, Event) || Item <- Debug, keep_item(Item, State, Event)].

keep_item({install, {Func, FuncState}}, _State, Event) ->
    case catch Func(FuncState, Event, undefined) of
        done -> false;
        _ -> true
    end;
keep_item(_, _, _) ->
    true.

debug_item({trace, true} = Item, FormFunc, State, Event) ->
    print_event({Event, State, FormFunc}),
    Item;
debug_item({log, {N, Logs}}, FormFunc, State, Event) ->
    {log, {N, trim(N, [{Event, State, FormFunc} | Logs])}};
debug_item({statistics, {Time, Reds, In, Out}}, _FormFunc, _State, Event) ->
    case Event of
        {in, _} -> {statistics, {Time, Reds, In + 1, Out}};
        {in, _, _} -> {statistics, {Time, Reds, In + 1, Out}};
        {out, _, _} -> {statistics, {Time, Reds, In, Out + 1}};
        {out, _, _, _} -> {statistics, {Time, Reds, In, Out + 1}};
        _ -> {statistics, {Time, Reds, In, Out}}
    end;
debug_item({install, {Func, FuncState}}, _FormFunc, _State, Event) ->
    case catch Func(FuncState, Event, undefined) of
        {'EXIT', _} -> {install, {Func, FuncState}};
        NewFuncState -> {install, {Func, NewFuncState}}
    end;
debug_item(Item, _FormFunc, _State, _Event) ->
    Item.

print_event({Event, State, FormFunc}) ->
    FormFunc(standard_io, Event, State).

%% The logged events, oldest first, as OTP 25 gives them to format_status: {Event, State, FormFunc}.
get_log(Debug) ->
    {_N, Logs} = get_debug(log, Debug, {0, []}),
    lists:reverse(Logs).

print_log(Debug) ->
    {_N, Logs} = get_debug(log, Debug, {0, []}),
    lists:foreach(fun print_event/1, lists:reverse(Logs)).
