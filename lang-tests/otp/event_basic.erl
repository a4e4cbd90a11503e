%% gen_event basics: start forms, add_handler (bare module and {Module, Id},
%% the same module twice), which_handlers (newest first), notify and
%% sync_notify (every handler, newest first), call, handle_info, delete_handler
%% returning terminate's result, remove_handler, stop calling terminate(stop).
-module(event_basic).
-behaviour(gen_event).
-export([main/0]).
-export([init/1, handle_event/2, handle_call/2, handle_info/2, terminate/2, code_change/3]).

init({fail, R}) -> {error, R};
init(crash) -> error(init_boom);
init(Name) -> {ok, {Name, []}}.

handle_event(remove_me, {one, _}) -> remove_handler;
handle_event(Event, {Name, Log}) ->
    tester ! {event, Name, Event},
    {ok, {Name, [Event | Log]}}.

handle_call(get, {Name, Log} = S) -> {ok, {Name, lists:reverse(Log)}, S};
handle_call(remove, {Name, _}) -> {remove_handler, {removed, Name}}.

handle_info(Info, {Name, Log}) ->
    tester ! {info, Name, Info},
    {ok, {Name, [{info, Info} | Log]}}.

terminate(Arg, {Name, Log}) ->
    tester ! {terminate, Name, Arg},
    {final, Name, length(Log)}.

code_change(_Old, S, _Extra) -> {ok, S}.

drain() ->
    receive
        {event, Name, Event} -> io:format("  ~p got event ~p~n", [Name, Event]), drain();
        {info, Name, Info} -> io:format("  ~p got info ~p~n", [Name, Info]), drain();
        {terminate, Name, Arg} -> io:format("  ~p terminate(~p)~n", [Name, Arg]), drain()
    after 100 -> ok
    end.

nopid(T) when is_pid(T) -> 'PID';
nopid(T) when is_tuple(T) -> list_to_tuple(nopid(tuple_to_list(T)));
nopid([H | T]) -> [nopid(H) | nopid(T)];
nopid(T) -> T.

main() ->
    register(tester, self()),
    {ok, M} = gen_event:start(),
    io:format("add one: ~p~n", [gen_event:add_handler(M, ?MODULE, one)]),
    io:format("add two: ~p~n", [gen_event:add_handler(M, {?MODULE, two}, two)]),
    io:format("add three: ~p~n", [gen_event:add_handler(M, ?MODULE, three)]),
    io:format("add failing: ~p~n", [gen_event:add_handler(M, {?MODULE, f}, {fail, nope})]),
    {'EXIT', {Why, _}} = gen_event:add_handler(M, {?MODULE, c}, crash),
    io:format("add crashing: ~p~n", [Why]),
    io:format("which: ~p~n", [gen_event:which_handlers(M)]),
    io:format("notify: ~p~n", [gen_event:notify(M, hello)]),
    io:format("sync_notify: ~p~n", [gen_event:sync_notify(M, world)]),
    drain(),
    M ! an_info,
    drain(),
    io:format("call: ~p~n", [gen_event:call(M, {?MODULE, two}, get)]),
    io:format("call bare: ~p~n", [gen_event:call(M, ?MODULE, get)]),
    io:format("call missing: ~p~n", [gen_event:call(M, {?MODULE, nine}, get)]),
    io:format("call other module: ~p~n", [gen_event:call(M, lists, get)]),
    io:format("delete three: ~p~n", [gen_event:delete_handler(M, ?MODULE, bye)]),
    drain(),
    io:format("delete missing: ~p~n", [gen_event:delete_handler(M, {?MODULE, nine}, bye)]),
    io:format("which: ~p~n", [gen_event:which_handlers(M)]),
    gen_event:notify(M, remove_me),
    drain(),
    io:format("which: ~p~n", [gen_event:which_handlers(M)]),
    io:format("call remove: ~p~n", [gen_event:call(M, {?MODULE, two}, remove)]),
    drain(),
    io:format("which: ~p~n", [gen_event:which_handlers(M)]),
    gen_event:add_handler(M, ?MODULE, four),
    io:format("stop: ~p~n", [gen_event:stop(M)]),
    drain(),
    io:format("notify dead: ~p~n", [gen_event:notify(M, x)]),
    io:format("which dead: ~p~n", [catch gen_event:which_handlers(M)]),
    %% named managers, start_link, start_monitor
    {ok, L} = gen_event:start_link({local, evm}),
    io:format("named: ~p~n", [whereis(evm) =:= L]),
    ok = gen_event:add_handler(evm, ?MODULE, five),
    io:format("dup name: ~p~n", [element(1, element(2, gen_event:start({local, evm})))]),
    ok = gen_event:sync_notify(evm, ping),
    drain(),
    io:format("call by name: ~p~n", [gen_event:call(evm, ?MODULE, get)]),
    ok = gen_event:stop(evm),
    drain(),
    {ok, {Mon, Ref}} = gen_event:start_monitor(),
    ok = gen_event:stop(Mon, shutdown, infinity),
    receive {'DOWN', Ref, process, Mon, R} -> io:format("monitor: ~p~n", [R]) end,
    io:format("call dead: ~p~n", [nopid(catch gen_event:call(Mon, ?MODULE, get))]),
    ok.
