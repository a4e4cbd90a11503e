%% kernel/include/logger.hrl as krarup embeds it: the ?LOG_* macros of OTP 25's Logger API.
%% Each macro asks logger:allow/2 whether the level is enabled for this module, and only then
%% evaluates its arguments and calls logger:macro_log/3,4,5 with the caller's location (a map of
%% mfa, line and file), as OTP's macros do. Arguments are one of: a format string or report,
%% format + args, report + metadata, or format + args + metadata.
-ifndef(LOGGER_HRL).
-define(LOGGER_HRL, true).

-define(LOCATION,
        #{mfa => {?MODULE, ?FUNCTION_NAME, ?FUNCTION_ARITY}, line => ?LINE, file => ?FILE}).

-define(DO_LOG(Level, Args),
        case logger:allow(Level, ?MODULE) of
            false -> ok;
            true -> erlang:apply(logger, macro_log, [?LOCATION, Level | Args])
        end).

-define(LOG(Level, A), ?DO_LOG(Level, [A])).
-define(LOG(Level, A, B), ?DO_LOG(Level, [A, B])).
-define(LOG(Level, A, B, C), ?DO_LOG(Level, [A, B, C])).

-define(LOG_EMERGENCY(A), ?LOG(emergency, A)).
-define(LOG_EMERGENCY(A, B), ?LOG(emergency, A, B)).
-define(LOG_EMERGENCY(A, B, C), ?LOG(emergency, A, B, C)).
-define(LOG_ALERT(A), ?LOG(alert, A)).
-define(LOG_ALERT(A, B), ?LOG(alert, A, B)).
-define(LOG_ALERT(A, B, C), ?LOG(alert, A, B, C)).
-define(LOG_CRITICAL(A), ?LOG(critical, A)).
-define(LOG_CRITICAL(A, B), ?LOG(critical, A, B)).
-define(LOG_CRITICAL(A, B, C), ?LOG(critical, A, B, C)).
-define(LOG_ERROR(A), ?LOG(error, A)).
-define(LOG_ERROR(A, B), ?LOG(error, A, B)).
-define(LOG_ERROR(A, B, C), ?LOG(error, A, B, C)).
-define(LOG_WARNING(A), ?LOG(warning, A)).
-define(LOG_WARNING(A, B), ?LOG(warning, A, B)).
-define(LOG_WARNING(A, B, C), ?LOG(warning, A, B, C)).
-define(LOG_NOTICE(A), ?LOG(notice, A)).
-define(LOG_NOTICE(A, B), ?LOG(notice, A, B)).
-define(LOG_NOTICE(A, B, C), ?LOG(notice, A, B, C)).
-define(LOG_INFO(A), ?LOG(info, A)).
-define(LOG_INFO(A, B), ?LOG(info, A, B)).
-define(LOG_INFO(A, B, C), ?LOG(info, A, B, C)).
-define(LOG_DEBUG(A), ?LOG(debug, A)).
-define(LOG_DEBUG(A, B), ?LOG(debug, A, B)).
-define(LOG_DEBUG(A, B, C), ?LOG(debug, A, B, C)).
-endif.
