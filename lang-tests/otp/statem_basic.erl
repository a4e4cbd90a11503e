%% gen_statem basics in state_functions mode: start forms, call/cast/info,
%% the result forms, reply actions, gen_statem:reply/2, stop. Reports are
%% turned off: this program checks stdout only.
-module(statem_basic).
-behaviour(gen_statem).
-export([main/0]).
-export([init/1, callback_mode/0, off/3, on/3, terminate/3, code_change/4]).

init({count, N}) -> {ok, off, N};
init(ignore_me) -> ignore;
init(stop_me) -> {stop, no_thanks};
init(junk) -> junk.

callback_mode() -> state_functions.

off({call, From}, flip, N) -> {next_state, on, N + 1, [{reply, From, {was, off}}]};
off({call, From}, get, N) -> {keep_state_and_data, [{reply, From, {off, N}}]};
off({call, From}, later, N) ->
    gen_statem:reply(From, replied_early),
    {keep_state, N + 100};
off({call, From}, replies, _N) ->
    {keep_state_and_data, {reply, From, single_action}};
off(cast, flip, N) -> {next_state, on, N + 1};
off(cast, {add, K}, N) -> {keep_state, N + K};
off(info, Msg, N) -> io:format("off got info ~p~n", [Msg]), {keep_state, N};
off({call, From}, {stop, R}, N) -> {stop_and_reply, R, [{reply, From, stopping}], N}.

on({call, From}, flip, N) -> {next_state, off, N + 1, {reply, From, {was, on}}};
on({call, From}, get, N) -> {keep_state_and_data, [{reply, From, {on, N}}]};
on(cast, flip, N) -> {next_state, off, N + 1};
on(cast, stop, _N) -> stop;
on(cast, {stop, R}, N) -> {stop, R, N * 2};
on(info, Msg, _N) -> io:format("on got info ~p~n", [Msg]), keep_state_and_data.

%% Reported to the tester, which prints it: the server's output could race
%% with the tester's.
terminate(Reason, State, Data) ->
    tester ! {terminate, Reason, State, Data}.

terminated() ->
    receive
        {terminate, Reason, State, Data} ->
            io:format("terminate ~p in ~p with ~p~n", [Reason, State, Data])
    after 1000 ->
        io:format("no terminate~n")
    end.

%% Pids differ from run to run: show them as 'PID'.
nopid(T) when is_pid(T) -> 'PID';
nopid(T) when is_tuple(T) -> list_to_tuple(nopid(tuple_to_list(T)));
nopid([H | T]) -> [nopid(H) | nopid(T)];
nopid(T) -> T.

code_change(_Old, State, Data, _Extra) -> {ok, State, Data}.

main() ->
    %% init returning {stop, _} logs a crash report: keep it off stdout
    logger:set_primary_config(level, none),
    register(tester, self()),
    {ok, P} = gen_statem:start(?MODULE, {count, 0}, []),
    io:format("~p~n", [gen_statem:call(P, get)]),
    io:format("~p~n", [gen_statem:call(P, flip)]),
    io:format("~p~n", [gen_statem:call(P, get, 1000)]),
    ok = gen_statem:cast(P, flip),
    io:format("~p~n", [gen_statem:call(P, get)]),
    ok = gen_statem:cast(P, {add, 5}),
    P ! hello,
    io:format("~p~n", [gen_statem:call(P, later)]),
    io:format("~p~n", [gen_statem:call(P, get, {dirty_timeout, 500})]),
    io:format("~p~n", [gen_statem:call(P, replies)]),
    io:format("~p~n", [gen_statem:call(P, flip)]),
    P ! there,
    io:format("~p~n", [gen_statem:call(P, get, {clean_timeout, 500})]),
    io:format("stop: ~p~n", [gen_statem:stop(P)]),
    terminated(),
    io:format("alive: ~p~n", [is_process_alive(P)]),
    %% start_link and named servers
    {ok, P2} = gen_statem:start_link({local, sw}, ?MODULE, {count, 10}, []),
    io:format("whereis: ~p~n", [whereis(sw) =:= P2]),
    io:format("~p~n", [gen_statem:call(sw, flip)]),
    io:format("dup: ~p~n", [element(1, element(2, gen_statem:start({local, sw}, ?MODULE, {count, 0}, [])))]),
    ok = gen_statem:cast(sw, stop),
    terminated(),
    timer:sleep(50),
    io:format("whereis after stop: ~p~n", [whereis(sw)]),
    %% init results
    io:format("ignore: ~p~n", [gen_statem:start(?MODULE, ignore_me, [])]),
    io:format("stop: ~p~n", [gen_statem:start(?MODULE, stop_me, [])]),
    io:format("stop (named): ~p ~p~n", [gen_statem:start({local, sw2}, ?MODULE, stop_me, []), whereis(sw2)]),
    %% start_monitor
    {ok, {P3, Ref}} = gen_statem:start_monitor(?MODULE, {count, 1}, []),
    ok = gen_statem:cast(P3, flip),
    ok = gen_statem:cast(P3, {stop, {shutdown, bye}}),
    receive {'DOWN', Ref, process, P3, R3} -> io:format("down: ~p~n", [R3]) end,
    terminated(),
    %% stop_and_reply
    {ok, P4} = gen_statem:start(?MODULE, {count, 7}, []),
    M4 = monitor(process, P4),
    io:format("~p~n", [gen_statem:call(P4, {stop, normal})]),
    receive {'DOWN', M4, process, P4, R4} -> io:format("down: ~p~n", [R4]) end,
    terminated(),
    %% stop/3 with a reason
    {ok, P5} = gen_statem:start(?MODULE, {count, 3}, []),
    io:format("stop/3: ~p~n", [gen_statem:stop(P5, shutdown, 1000)]),
    terminated(),
    io:format("stop dead: ~p~n", [catch gen_statem:stop(P5)]),
    io:format("call dead: ~p~n", [nopid(catch gen_statem:call(P5, get))]),
    io:format("call dead/3: ~p~n", [nopid(catch gen_statem:call(P5, get, 100))]),
    io:format("call name: ~p~n", [catch gen_statem:call(nosuch, get)]),
    io:format("cast name: ~p~n", [gen_statem:cast(nosuch, get)]),
    io:format("cast global: ~p~n", [gen_statem:cast({global, nosuch}, get)]),
    ok.
