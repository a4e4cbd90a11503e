%% Custom logger handlers: logger:add_handler/3 with a module's log/2 callback (and the optional
%% adding_handler/1 and removing_handler/1), handler levels, get_handler_ids/0 and
%% remove_handler/1. The handler sends what it got to the test process, which prints the stable
%% parts (pids and timestamps differ between runs).
-module(logger_handler).
-export([main/0]).
-export([log/2, adding_handler/1, removing_handler/1]).

adding_handler(Config) ->
    report({adding, maps:get(id, Config), lists:sort(maps:keys(Config))}),
    case maps:get(refuse, Config, false) of
        true -> {error, refused};
        false -> {ok, Config#{added_by_callback => true}}
    end.

removing_handler(Config) ->
    report({removing, maps:get(id, Config)}),
    ok.

log(#{level := Level, msg := Msg, meta := Meta}, Config) ->
    report({log, maps:get(id, Config), Level, Msg, lists:sort(maps:keys(Meta)),
            lists:sort(maps:keys(Config)), maps:get(added_by_callback, Config, false),
            maps:get(tag, Config, none)}).

report(Term) ->
    case whereis(handler_test) of
        undefined -> ok;
        Pid -> Pid ! {handler, Term}
    end.

flush() ->
    receive
        {handler, T} -> io:format("  ~p~n", [T]), flush()
    after 50 -> ok
    end.

main() ->
    register(handler_test, self()),
    io:format("add h1: ~p~n", [logger:add_handler(h1, ?MODULE, #{tag => one})]),
    flush(),
    io:format("add h1 again: ~p~n", [logger:add_handler(h1, ?MODULE, #{})]),
    flush(),
    io:format("add refused: ~p~n", [logger:add_handler(h2, ?MODULE, #{refuse => true})]),
    flush(),
    io:format("add h3 at error: ~p~n", [logger:add_handler(h3, ?MODULE, #{level => error})]),
    flush(),
    io:format("ids: ~p~n", [lists:sort(logger:get_handler_ids())]),
    ok = logger:remove_handler(default),
    io:format("notice string: ~p~n", [logger:notice("hello")]),
    flush(),
    io:format("error format: ~p~n", [logger:error("x=~p", [1])]),
    flush(),
    io:format("warning report: ~p~n", [logger:warning(#{what => r})]),
    flush(),
    io:format("error with meta: ~p~n", [logger:error("m", #{custom => 1})]),
    flush(),
    io:format("info (filtered by primary): ~p~n", [logger:info("i")]),
    flush(),
    ok = logger:set_primary_config(level, all),
    io:format("debug: ~p~n", [logger:debug("d")]),
    flush(),
    ok = logger:set_handler_config(h1, level, critical),
    io:format("error after h1 at critical: ~p~n", [logger:error("e2")]),
    flush(),
    io:format("remove h1: ~p~n", [logger:remove_handler(h1)]),
    flush(),
    io:format("remove h1 again: ~p~n", [logger:remove_handler(h1)]),
    io:format("ids: ~p~n", [lists:sort(logger:get_handler_ids())]),
    io:format("alert: ~p~n", [logger:alert("a")]),
    flush(),
    io:format("remove h3: ~p~n", [logger:remove_handler(h3)]),
    flush(),
    io:format("ids: ~p~n", [lists:sort(logger:get_handler_ids())]).
