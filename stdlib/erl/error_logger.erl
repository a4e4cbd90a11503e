%% error_logger: OTP 25's legacy logging API, forwarded to logger as OTP does. Reports of the
%% standard types (std_error, std_warning, std_info) are printed; other types are dropped, as the
%% default handler of OTP 25 drops them. Info events pass the levels as notice does in OTP 25
%% (shown by default) while their header says INFO.
-module(error_logger).
-export([error_msg/1, error_msg/2, format/2, warning_msg/1, warning_msg/2,
         info_msg/1, info_msg/2, error_report/1, error_report/2,
         warning_report/1, warning_report/2, info_report/1, info_report/2,
         warning_map/0, tty/1, logfile/1]).

error_msg(Format) -> error_msg(Format, []).
error_msg(Format, Args) -> msg(error, Format, Args).
format(Format, Args) -> msg(error, Format, Args).
warning_msg(Format) -> warning_msg(Format, []).
warning_msg(Format, Args) -> msg(warning, Format, Args).
info_msg(Format) -> info_msg(Format, []).
info_msg(Format, Args) -> msg(info, Format, Args).

error_report(Report) -> report(error, std_error, Report).
error_report(Type, Report) -> report(error, Type, Report).
warning_report(Report) -> report(warning, std_warning, Report).
warning_report(Type, Report) -> report(warning, Type, Report).
info_report(Report) -> report(info, std_info, Report).
info_report(Type, Report) -> report(info, Type, Report).

warning_map() -> warning.

%% The tty handler and log files are not kept by krarup: accepted.
tty(Flag) when is_boolean(Flag) -> ok.
logfile(_Request) -> {error, no_log_file}.

msg(Level, Format, Args) ->
    case allowed(Level) of
        true -> logger:emit(Level, {Format, Args}, #{});
        false -> ok
    end,
    ok.

report(Level, Type, Report) when Type =:= std_error; Type =:= std_warning; Type =:= std_info ->
    case allowed(Level) of
        true ->
            {F, A} = logger:format_report(Report),
            logger:emit(Level, {F, A}, #{});
        false ->
            ok
    end,
    ok;
report(_Level, _Type, _Report) ->
    ok.

allowed(info) -> logger:allow(notice, ?MODULE) andalso handler_allows(notice);
allowed(Level) -> logger:allow(Level, ?MODULE) andalso handler_allows(Level).

handler_allows(Level) ->
    {ok, #{level := HLevel}} = logger:get_handler_config(default),
    logger:compare_levels(Level, HLevel) =/= lt.
