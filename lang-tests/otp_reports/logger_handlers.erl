%% logger's default handler: removing it silences reports, adding it back restores them; bad
%% messages are refused.
-module(logger_handlers).
-export([main/0]).

main() ->
    io:format("~p~n", [logger:get_handler_ids()]),
    logger:error("before removal"),
    io:format("~p~n", [logger:remove_handler(default)]),
    io:format("~p~n", [logger:get_handler_ids()]),
    io:format("~p~n", [logger:remove_handler(default)]),
    logger:error("not shown"),
    Formatter = {logger_formatter, #{legacy_header => true, single_line => false}},
    io:format("~p~n", [logger:add_handler(default, logger_std_h,
                                          #{config => #{type => standard_error},
                                            formatter => Formatter})]),
    io:format("~p~n", [logger:get_handler_ids()]),
    logger:error("after adding back"),
    io:format("~p~n", [element(1, catch logger:error(123))]),
    io:format("~p~n", [logger:remove_handler(nosuch)]),
    ok.
