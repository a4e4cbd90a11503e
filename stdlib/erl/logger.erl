%% logger: OTP 25's logging API on krarup. Events pass the primary level and the default
%% handler's level and are written at once to standard_error with OTP's legacy header
%% (`=LEVEL REPORT==== D-Mon-YYYY::HH:MM:SS.uuuuuu ===`, text built by krarup_report). The
%% configuration lives in a registered process started on the first set_*_config call; the two
%% levels are also kept in the VM (krarup_logger:levels/0), where a log call reads them.
-module(logger).
-export([emergency/1, emergency/2, emergency/3, alert/1, alert/2, alert/3,
         critical/1, critical/2, critical/3, error/1, error/2, error/3,
         warning/1, warning/2, warning/3, notice/1, notice/2, notice/3,
         info/1, info/2, info/3, debug/1, debug/2, debug/3,
         log/2, log/3, log/4, macro_log/3, macro_log/4, macro_log/5, allow/2,
         set_primary_config/1, set_primary_config/2, get_primary_config/0,
         set_handler_config/2, set_handler_config/3, get_handler_config/1,
         update_primary_config/1, update_handler_config/2, update_handler_config/3,
         set_module_level/2, unset_module_level/1, get_module_level/1,
         get_config/0, timestamp/0, compare_levels/2, format_report/1,
         log_report/3, emit/3, add_handler/3, remove_handler/1, get_handler_ids/0]).
-export([config_loop/1]).

-define(LEVELS, [emergency, alert, critical, error, warning, notice, info, debug]).
-define(IS_REPORT(R), (is_map(R) orelse
                       (is_list(R) andalso R =/= [] andalso is_tuple(hd(R))
                        andalso tuple_size(hd(R)) =:= 2))).

%% ---- levels ----

emergency(X) -> log(emergency, X).
emergency(X, Y) -> log(emergency, X, Y).
emergency(X, Y, Z) -> log(emergency, X, Y, Z).
alert(X) -> log(alert, X).
alert(X, Y) -> log(alert, X, Y).
alert(X, Y, Z) -> log(alert, X, Y, Z).
critical(X) -> log(critical, X).
critical(X, Y) -> log(critical, X, Y).
critical(X, Y, Z) -> log(critical, X, Y, Z).
error(X) -> log(error, X).
error(X, Y) -> log(error, X, Y).
error(X, Y, Z) -> log(error, X, Y, Z).
warning(X) -> log(warning, X).
warning(X, Y) -> log(warning, X, Y).
warning(X, Y, Z) -> log(warning, X, Y, Z).
notice(X) -> log(notice, X).
notice(X, Y) -> log(notice, X, Y).
notice(X, Y, Z) -> log(notice, X, Y, Z).
info(X) -> log(info, X).
info(X, Y) -> log(info, X, Y).
info(X, Y, Z) -> log(info, X, Y, Z).
debug(X) -> log(debug, X).
debug(X, Y) -> log(debug, X, Y).
debug(X, Y, Z) -> log(debug, X, Y, Z).

%% log(Level, StringOrReport [, Metadata]) and log(Level, FormatOrFun, Args [, Metadata]).
log(Level, StringOrReport) ->
    do_log(Level, StringOrReport, #{}).

log(Level, StringOrReport, Metadata) when is_map(Metadata), not is_function(StringOrReport) ->
    do_log(Level, StringOrReport, Metadata);
log(Level, FunOrFormat, Args) ->
    do_log(Level, {FunOrFormat, Args}, #{}).

log(Level, FunOrFormat, Args, Metadata) ->
    do_log(Level, {FunOrFormat, Args}, Metadata).

%% What the ?LOG_* macros of kernel/include/logger.hrl call.
macro_log(Location, Level, StringOrReport) ->
    do_log(Level, StringOrReport, Location).
macro_log(Location, Level, StringOrReport, Metadata) when is_map(Metadata),
                                                          not is_function(StringOrReport) ->
    do_log(Level, StringOrReport, maps:merge(Location, Metadata));
macro_log(Location, Level, FunOrFormat, Args) ->
    do_log(Level, {FunOrFormat, Args}, Location).
macro_log(Location, Level, FunOrFormat, Args, Metadata) ->
    do_log(Level, {FunOrFormat, Args}, maps:merge(Location, Metadata)).

%% Used by proc_lib, gen_server, supervisor, gen_statem, gen_event: a report map with a
%% report_cb and error_logger type in Metadata.
log_report(Level, Report, Metadata) ->
    do_log(Level, Report, Metadata).

allow(Level, _Module) ->
    check_level(Level),
    compare_levels(Level, primary_level()) =/= lt.

do_log(Level, Msg, Metadata) ->
    check_level(Level),
    check_msg(Msg),
    case enabled(Level) of
        true -> dispatch(Level, resolve(Msg), Metadata);
        false -> ok
    end.

check_level(Level) ->
    case lists:member(Level, ?LEVELS) of
        true -> ok;
        false -> erlang:error(badarg)
    end.

%% OTP 25 accepts a string, a report (map or key-value list) or {FormatOrFun, Args}; anything else
%% is a function_clause, as there.
check_msg({F, A}) when is_function(F); (is_list(F) orelse is_atom(F) orelse is_binary(F))
                                        andalso is_list(A) -> ok;
check_msg(Msg) when is_list(Msg); is_binary(Msg); is_map(Msg) -> ok;
check_msg(Msg) -> erlang:error(function_clause, [Msg]).

%% A fun message is called only when the event passes the levels, as in OTP.
resolve({Fun, FunArgs}) when is_function(Fun, 1) ->
    case Fun(FunArgs) of
        {F, A} when is_list(A) -> {F, A};
        {F, A, _Meta} when is_list(A) -> {F, A};
        ignore -> ignore;
        Other -> Other
    end;
resolve(Msg) ->
    Msg.

%% Writes an event that its caller has already let through the levels (error_logger's own rule)
%% to the default handler, and gives it to the added handlers whose level allows it.
emit(_Level, ignore, _Metadata) ->
    ok;
emit(Level, Msg, Metadata) ->
    Time = maps:get(time, Metadata, timestamp()),
    write_default(Level, Msg, Metadata, Time),
    to_handlers(Level, Msg, Metadata, Time, added_handlers()).

%% An event that passed the primary level and the most permissive handler level: each handler
%% (the default one too) still checks its own level.
dispatch(_Level, ignore, _Metadata) ->
    ok;
dispatch(Level, Msg, Metadata) ->
    Time = maps:get(time, Metadata, timestamp()),
    {DefaultLevel, Handlers} =
        case whereis(krarup_logger_config) of
            undefined ->
                {all, []};
            Pid ->
                Config = config_call(Pid, get),
                {maps:get(handler_level, Config), maps:get(handlers, Config, [])}
        end,
    case compare_levels(Level, DefaultLevel) of
        lt -> ok;
        _ -> write_default(Level, Msg, Metadata, Time)
    end,
    to_handlers(Level, Msg, Metadata, Time, Handlers).

write_default(Level, Msg, Metadata, Time) ->
    Body = krarup_report:message(Msg, Metadata),
    Header = krarup_report:header(Level, Metadata, Time),
    io:put_chars(standard_error, [Header, Body, $\n]).

%% Calls Module:log(LogEvent, Config) of each added handler (newest first, as OTP 25 orders
%% them) whose level allows Level, in the logging process, as OTP does. The event is OTP's
%% #{level, msg, meta}; the config lacks level, filters and filter_default, as in OTP.
to_handlers(_Level, _Msg, _Metadata, _Time, []) ->
    ok;
to_handlers(Level, Msg, Metadata, Time, Handlers) ->
    Event = #{level => Level, msg => handler_msg(Msg),
              meta => maps:merge(#{pid => self(), gl => group_leader(), time => Time},
                                 Metadata)},
    lists:foreach(
      fun({Id, Module, Config}) ->
              case compare_levels(Level, maps:get(level, Config)) of
                  lt -> ok;
                  _ -> call_log(Id, Module, Event, Config)
              end
      end, Handlers).

%% As OTP 25, a handler whose log/2 raises is removed (its removing_handler/1 is called) and
%% the removal is printed as OTP prints it, not passed on to the caller.
call_log(Id, Module, Event, Config) ->
    try
        Module:log(Event, maps:without([level, filters, filter_default], Config))
    catch
        _:_ ->
            _ = remove_handler(Id),
            erlang:display({removed_failing_handler, Id})
    end.

handler_msg({F, A}) when is_list(A) -> {F, A};
handler_msg(Msg) when ?IS_REPORT(Msg) -> {report, Msg};
handler_msg(Msg) -> {string, Msg}.

added_handlers() ->
    case whereis(krarup_logger_config) of
        undefined -> [];
        Pid -> maps:get(handlers, config_call(Pid, get), [])
    end.

enabled(Level) ->
    {Primary, Handler} = levels(),
    compare_levels(Level, Primary) =/= lt andalso compare_levels(Level, Handler) =/= lt.

primary_level() ->
    {Primary, _} = levels(),
    Primary.

%% {Primary, Handler}: one read of the VM's copy, which the config process keeps up to date (as
%% OTP reads its primary config from persistent_term), so a filtered log call costs no message.
levels() ->
    krarup_logger:levels().

%% compare_levels(A, B) -> lt | eq | gt, `all` and `none` as in OTP.
compare_levels(A, A) -> eq;
compare_levels(all, _) -> lt;
compare_levels(_, all) -> gt;
compare_levels(none, _) -> gt;
compare_levels(_, none) -> lt;
compare_levels(A, B) ->
    case rank(A) < rank(B) of
        true -> gt;
        false -> lt
    end.

%% The position of Level in ?LEVELS.
rank(emergency) -> 0;
rank(alert) -> 1;
rank(critical) -> 2;
rank(error) -> 3;
rank(warning) -> 4;
rank(notice) -> 5;
rank(info) -> 6;
rank(debug) -> 7;
rank(Level) -> erlang:error({badarg, Level}).

timestamp() ->
    erlang:system_time(microsecond).

%% ---- configuration ----

valid_level(L) -> L =:= all orelse L =:= none orelse lists:member(L, ?LEVELS).

set_primary_config(level, Level) ->
    case valid_level(Level) of
        true -> config_set(primary_level, Level);
        false -> {error, {invalid_level, Level}}
    end;
set_primary_config(Key, Value) when Key =:= filter_default; Key =:= filters;
                                    Key =:= metadata ->
    config_set({primary, Key}, Value);
set_primary_config(Key, _Value) ->
    {error, {invalid_config, Key}}.

set_primary_config(Config) when is_map(Config) ->
    update_primary_config(maps:merge(#{level => notice}, Config)).

update_primary_config(Config) when is_map(Config) ->
    maps:fold(fun(K, V, ok) -> set_primary_config(K, V);
                 (_, _, Err) -> Err
              end, ok, Config).

get_primary_config() ->
    #{level => primary_level(), filter_default => log, filters => [], metadata => #{}}.

set_handler_config(default, level, Level) ->
    case valid_level(Level) of
        true -> config_set(handler_level, Level);
        false -> {error, {invalid_level, Level}}
    end;
set_handler_config(default, _Key, _Value) ->
    ok;
set_handler_config(HandlerId, level, Level) ->
    case valid_level(Level) of
        true -> update_added(HandlerId, fun(C) -> C#{level => Level} end);
        false -> {error, {invalid_level, Level}}
    end;
set_handler_config(HandlerId, Key, Value) ->
    update_added(HandlerId, fun(C) -> C#{Key => Value} end).

%% Changes an added handler's config; {error, {not_found, Id}} if there is none.
update_added(HandlerId, Fun) ->
    Handlers = added_handlers(),
    case lists:keyfind(HandlerId, 1, Handlers) of
        {_, Module, Config} ->
            config_set(handlers,
                       lists:keyreplace(HandlerId, 1, Handlers, {HandlerId, Module, Fun(Config)}));
        false ->
            {error, {not_found, HandlerId}}
    end.

set_handler_config(default, Config) when is_map(Config) ->
    set_handler_config(default, level, maps:get(level, Config, all));
set_handler_config(HandlerId, _Config) ->
    {error, {not_found, HandlerId}}.

update_handler_config(default, level, Level) -> set_handler_config(default, level, Level);
update_handler_config(default, _Key, _Value) -> ok;
update_handler_config(HandlerId, _Key, _Value) -> {error, {not_found, HandlerId}}.

update_handler_config(default, Config) when is_map(Config) ->
    case maps:find(level, Config) of
        {ok, Level} -> set_handler_config(default, level, Level);
        error -> ok
    end;
update_handler_config(HandlerId, _Config) ->
    {error, {not_found, HandlerId}}.

%% Removing the default handler stops its output (its level becomes none), and adding it back
%% (`logger_std_h`) restores the level its config names; its text stays OTP's legacy form
%% whatever formatter the config names (spec.md). Handlers of other modules are added and removed
%% with their callbacks (add_module_handler/3).
remove_handler(default) ->
    case lists:member(default, get_handler_ids()) of
        true -> config_set(handler_level, none), config_set(removed, true);
        false -> {error, {not_found, default}}
    end;
remove_handler(HandlerId) ->
    Handlers = added_handlers(),
    case lists:keyfind(HandlerId, 1, Handlers) of
        {_, Module, Config} ->
            config_set(handlers, lists:keydelete(HandlerId, 1, Handlers)),
            case erlang:function_exported(Module, removing_handler, 1) of
                true -> _ = Module:removing_handler(Config), ok;
                false -> ok
            end;
        false ->
            {error, {not_found, HandlerId}}
    end.

add_handler(default, logger_std_h, Config) when is_map(Config) ->
    case lists:member(default, get_handler_ids()) of
        false ->
            config_set(removed, false),
            config_set(handler_level, maps:get(level, Config, all));
        true ->
            {error, {already_exist, default}}
    end;
add_handler(HandlerId, Module, Config) when is_atom(HandlerId), is_atom(Module),
                                            is_map(Config) ->
    case lists:member(HandlerId, get_handler_ids()) of
        true -> {error, {already_exist, HandlerId}};
        false -> add_module_handler(HandlerId, Module, Config)
    end;
add_handler(HandlerId, Module, Config) ->
    {error, {invalid_handler, {HandlerId, Module, Config}}}.

%% A handler of another module (OTP 25's handler API): the config gets OTP's defaults, the
%% optional Module:adding_handler/1 may change or refuse it, and Module:log/2 then gets the
%% events that pass its level.
add_module_handler(HandlerId, Module, Config) ->
    Full = maps:merge(#{level => all, filter_default => log, filters => [],
                        formatter => {logger_formatter, #{}}},
                      Config#{id => HandlerId, module => Module}),
    Added = case erlang:function_exported(Module, adding_handler, 1) of
                true ->
                    case Module:adding_handler(Full) of
                        {ok, Config1} when is_map(Config1) -> {ok, Config1};
                        {error, Reason} -> {error, {handler_not_added, Reason}};
                        Other -> {error, {handler_not_added, {invalid_return, Other}}}
                    end;
                false ->
                    {ok, Full}
            end,
    case Added of
        {ok, Config2} ->
            config_set(handlers, [{HandlerId, Module, Config2} | added_handlers()]);
        Error ->
            Error
    end.

get_handler_ids() ->
    case whereis(krarup_logger_config) of
        undefined -> [default];
        Pid ->
            Config = config_call(Pid, get),
            Added = [Id || {Id, _, _} <- maps:get(handlers, Config, [])],
            case maps:get(removed, Config, false) of
                true -> Added;
                false -> [default | Added]
            end
    end.

get_handler_config(default) ->
    Handler = case whereis(krarup_logger_config) of
                  undefined -> all;
                  Pid -> maps:get(handler_level, config_call(Pid, get))
              end,
    {ok, #{id => default, module => logger_std_h, level => Handler,
           filter_default => stop, filters => [], formatter => {logger_formatter,
                                                                 #{legacy_header => true,
                                                                   single_line => false}},
           config => #{type => standard_error}}};
get_handler_config(HandlerId) ->
    case lists:keyfind(HandlerId, 1, added_handlers()) of
        {_, _, Config} -> {ok, Config};
        false -> {error, {not_found, HandlerId}}
    end.

get_config() ->
    {ok, H} = get_handler_config(default),
    #{primary => get_primary_config(), handlers => [H], proxy => #{}, module_levels => []}.

%% Module levels are accepted and not applied (krarup keeps one primary level).
set_module_level(Modules, Level) when is_atom(Modules); is_list(Modules) ->
    case valid_level(Level) of
        true -> ok;
        false -> {error, {invalid_level, Level}}
    end.
unset_module_level(_Modules) -> ok.
get_module_level(_Modules) -> [].

config_set(Key, Value) ->
    Pid = config_server(),
    ok = config_call(Pid, {set, Key, Value}),
    %% The runtime prints its own "Error in process" reports (level error) through the default
    %% handler's output unless told not to.
    #{primary_level := Primary, handler_level := Default} = config_call(Pid, get),
    VmLevel = case compare_levels(error, Primary) =/= lt
                  andalso compare_levels(error, Default) =/= lt of
                  true -> all;
                  false -> none
              end,
    krarup_logger:set_primary_config(level, VmLevel),
    ok.

config_server() ->
    case whereis(krarup_logger_config) of
        undefined ->
            Pid = spawn(?MODULE, config_loop, [#{primary_level => notice, handler_level => all}]),
            try register(krarup_logger_config, Pid) of
                true -> Pid
            catch
                error:badarg ->
                    exit(Pid, kill),
                    config_server()
            end;
        Pid ->
            Pid
    end.

config_call(Pid, Req) ->
    Ref = erlang:monitor(process, Pid),
    Pid ! {Req, self(), Ref},
    receive
        {Ref, Reply} ->
            erlang:demonitor(Ref, [flush]),
            Reply;
        {'DOWN', Ref, _, _, _} ->
            #{primary_level => notice, handler_level => all}
    end.

%% The most permissive level among the handlers: what an event must pass to reach any of them.
widest_handler_level(Config) ->
    lists:foldl(fun({_, _, #{level := L}}, Acc) ->
                        case compare_levels(L, Acc) of
                            lt -> L;
                            _ -> Acc
                        end
                end, maps:get(handler_level, Config), maps:get(handlers, Config, [])).

config_loop(Config) ->
    receive
        {get, From, Ref} ->
            From ! {Ref, Config},
            config_loop(Config);
        {{set, Key, Value}, From, Ref} ->
            Config1 = Config#{Key => Value},
            ok = krarup_logger:set_levels(maps:get(primary_level, Config1),
                                          widest_handler_level(Config1)),
            From ! {Ref, ok},
            config_loop(Config1)
    end.

%% ---- default report text ----

%% {Format, Args} for a report without report_cb, as OTP 25's logger:format_report/1.
format_report(Report) ->
    krarup_report:format_report(Report).
