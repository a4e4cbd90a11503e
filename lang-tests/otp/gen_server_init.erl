%% gen_server start-up: every init/1 return form, names, start options and start_monitor.
-module(gen_server_init).
-behaviour(gen_server).
-export([main/0, init/1, handle_call/3, handle_cast/2, handle_info/2, handle_continue/2,
         terminate/2]).

init({ok, S}) -> {ok, S};
init({timeout, S}) -> {ok, S, 50};
init({hibernate, S}) -> {ok, S, hibernate};
init({continue, S}) -> {ok, [init | S], {continue, c1}};
init(ignore) -> ignore;
init({stop, R}) -> {stop, R};
init(junk) -> what;
init(throw) -> throw({ok, thrown_state});
init(slow) -> receive after 500 -> {ok, slow} end;
init(crash) -> error(init_crash);
init(exit) -> exit(init_exit).

handle_call(get, _From, S) -> {reply, S, S};
handle_call(name, _From, S) -> {reply, erlang:process_info(self(), registered_name), S}.

handle_cast(_, S) -> {noreply, S}.

handle_info(timeout, S) -> {noreply, [timeout | S]};
handle_info(_, S) -> {noreply, S}.

handle_continue(c1, S) -> {noreply, [c1 | S], {continue, c2}};
handle_continue(c2, S) -> {noreply, [c2 | S]}.

terminate(_, _) -> ok.

show(Label, Term) -> io:format("~s: ~p~n", [Label, Term]).

%% Shows a start result with the pid replaced, and stops the server when there is one.
result({ok, Pid}) when is_pid(Pid) ->
    S = gen_server:call(Pid, get),
    gen_server:stop(Pid),
    {ok, pid, S};
result({error, {Reason, Stack}}) when is_list(Stack) ->
    {error, {Reason, [{M, F, A} || {M, F, A, _} <- Stack, M =/= gen_server, M =/= proc_lib]}};
result(Other) -> Other.

main() ->
    logger:set_primary_config(level, none),
    process_flag(trap_exit, true),
    show("ok", result(gen_server:start(?MODULE, {ok, [s]}, []))),
    show("ok link", result(gen_server:start_link(?MODULE, {ok, [s]}, []))),
    receive {'EXIT', _, R0} -> show("link exit", R0) after 100 -> show("link exit", none) end,
    {ok, P1} = gen_server:start(?MODULE, {timeout, []}, []),
    timer:sleep(150),
    show("timeout", gen_server:call(P1, get)),
    gen_server:stop(P1),
    {ok, P2} = gen_server:start(?MODULE, {continue, []}, []),
    show("continue", gen_server:call(P2, get)),
    gen_server:stop(P2),
    {ok, P3} = gen_server:start(?MODULE, {hibernate, [h]}, []),
    timer:sleep(20),
    show("hibernating", erlang:process_info(P3, current_function)),
    show("hibernate", gen_server:call(P3, get)),
    show("awake", erlang:process_info(P3, current_function)),
    gen_server:stop(P3),
    show("ignore", gen_server:start(?MODULE, ignore, [])),
    show("ignore link", gen_server:start_link(?MODULE, ignore, [])),
    receive {'EXIT', _, R1} -> show("ignore link exit", R1) after 100 -> show("ignore link exit", none) end,
    show("stop", gen_server:start(?MODULE, {stop, my_reason}, [])),
    show("stop link", gen_server:start_link(?MODULE, {stop, my_reason}, [])),
    receive {'EXIT', _, R2} -> show("stop link exit", R2) after 100 -> show("stop link exit", none) end,
    show("junk", gen_server:start(?MODULE, junk, [])),
    show("throw", result(gen_server:start(?MODULE, throw, []))),
    show("crash", result(gen_server:start(?MODULE, crash, []))),
    show("exit", gen_server:start(?MODULE, exit, [])),
    show("slow", gen_server:start(?MODULE, slow, [{timeout, 100}])),
    show("slow link", gen_server:start_link(?MODULE, slow, [{timeout, 100}])),
    receive {'EXIT', _, R3} -> show("slow link exit", R3) after 100 -> show("slow link exit", none) end,
    %% Names.
    {ok, N1} = gen_server:start({local, srv}, ?MODULE, {ok, named}, []),
    show("whereis", whereis(srv) =:= N1),
    show("by name", gen_server:call(srv, get)),
    show("registered", gen_server:call(srv, name)),
    {error, {already_started, N1b}} = gen_server:start({local, srv}, ?MODULE, {ok, x}, []),
    show("already_started", N1b =:= N1),
    show("stop name", gen_server:stop(srv)),
    show("whereis after", whereis(srv)),
    show("stop by name again", catch gen_server:stop(srv)),
    show("name after failed init", gen_server:start({local, srv2}, ?MODULE, {stop, r}, [])),
    show("whereis srv2", whereis(srv2)),
    {ok, G} = gen_server:start({global, gsrv}, ?MODULE, {ok, global}, []),
    show("global whereis", global:whereis_name(gsrv) =:= G),
    show("global call", gen_server:call({global, gsrv}, get)),
    show("global already", element(1, gen_server:start({global, gsrv}, ?MODULE, {ok, x}, []))),
    gen_server:stop({global, gsrv}),
    show("global after stop", global:whereis_name(gsrv)),
    {ok, V} = gen_server:start({via, global, vsrv}, ?MODULE, {ok, via}, []),
    show("via call", gen_server:call({via, global, vsrv}, get)),
    show("via pid", global:whereis_name(vsrv) =:= V),
    gen_server:stop({via, global, vsrv}),
    %% start_monitor.
    {ok, {M1, Ref}} = gen_server:start_monitor(?MODULE, {ok, mon}, []),
    show("monitor ref", is_reference(Ref)),
    gen_server:stop(M1),
    receive {'DOWN', Ref, process, M1, R4} -> show("monitor down", R4) after 100 -> show("monitor down", none) end,
    show("monitor stop", gen_server:start_monitor(?MODULE, {stop, r}, [])),
    receive Msg -> show("monitor stop msg", Msg) after 100 -> show("monitor stop msg", none) end,
    show("monitor ignore", gen_server:start_monitor({local, m2}, ?MODULE, ignore, [])),
    %% spawn_opt, hibernate_after.
    {ok, P4} = gen_server:start(?MODULE, {ok, opt}, [{spawn_opt, [{min_heap_size, 1000}]}, {hibernate_after, 10}]),
    show("spawn_opt", gen_server:call(P4, get)),
    timer:sleep(50),
    show("hibernate_after", erlang:process_info(P4, current_function)),
    gen_server:stop(P4),
    ok.
