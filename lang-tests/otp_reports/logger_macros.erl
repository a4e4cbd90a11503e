%% The ?LOG_* macros of kernel/include/logger.hrl (embedded by krarup): levels, format + args,
%% reports, metadata; arguments are not evaluated when the level is off.
-module(logger_macros).
-export([main/0]).
-include_lib("kernel/include/logger.hrl").

main() ->
    ?LOG_ERROR("plain string"),
    ?LOG_ERROR("format ~p and ~s", [42, "text"]),
    ?LOG_WARNING(#{what => report, n => 1}),
    ?LOG_NOTICE("notice ~p", [x], #{meta => data}),
    ?LOG_INFO("info is below the default level ~p", [side_effect()]),
    ?LOG_DEBUG("debug too"),
    ?LOG(error, "via LOG ~p", [level]),
    io:format("~p~n", [maps:remove(file, ?LOCATION)]),
    io:format("done~n").

side_effect() ->
    io:format("evaluated~n"),
    x.
