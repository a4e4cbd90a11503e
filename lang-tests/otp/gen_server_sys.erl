%% sys on a gen_server: get_state, replace_state, get_status, suspend/resume, change_code,
%% statistics, trace/log and the exit reasons of sys calls.
-module(gen_server_sys).
-behaviour(gen_server).
-export([main/0, init/1, handle_call/3, handle_cast/2, code_change/3]).

init(N) -> {ok, N}.

handle_call(get, _From, S) -> {reply, S, S};
handle_call(inc, _From, {state, S}) -> {reply, ok, {state, S + 1}};
handle_call(inc, _From, S) -> {reply, ok, S + 1}.

handle_cast(inc, {state, S}) -> {noreply, {state, S + 1}};
handle_cast(inc, S) -> {noreply, S + 1}.

code_change(1, N, extra) when is_integer(N) -> {ok, {state, N}};
code_change(error, _S, _) -> {error, because}.

show(Label, Term) -> io:format("~s: ~p~n", [Label, Term]).

strip({'EXIT', {E, Stack}}) when is_list(Stack) -> {'EXIT', {E, stack}};
strip({{E, Stack}, Where}) when is_list(Stack) -> {{E, stack}, Where};
strip({E, Stack}) when is_list(Stack) -> {E, stack};
strip(E) -> E.

%% Logged events with the caller's reply tag (a reference) left out.
events({ok, Events}) ->
    [case E of
         {in, {'$gen_call', {From, _Tag}, Req}} -> {in, {'$gen_call', From, Req}};
         {out, Reply, {To, _Tag}, S} -> {out, Reply, To, S};
         _ -> E
     end || E <- Events].

main() ->
    logger:set_primary_config(level, none),
    {ok, P} = gen_server:start({local, cnt}, ?MODULE, 2, []),
    show("get_state", sys:get_state(cnt)),
    show("get_state pid", sys:get_state(P, 1000)),
    {status, SP, Mod, [PDict, SysState, Parent, Debug, Misc]} = sys:get_status(cnt),
    show("status", {SP =:= P, Mod, PDict, SysState, Parent =:= P, Debug}),
    [{header, H}, {data, [{"Status", St}, {"Parent", Par}, {"Logged events", Ev}]}, Data] = Misc,
    show("status misc", {H, St, Par =:= P, Ev, Data}),
    show("replace_state", sys:replace_state(cnt, fun(S) -> S * 10 end)),
    show("after replace", gen_server:call(cnt, get)),
    show("replace crash", strip(catch sys:replace_state(cnt, fun(_) -> error(boom) end))),
    show("state kept", sys:get_state(cnt)),
    show("change_code running", sys:change_code(cnt, ?MODULE, 1, extra)),
    show("suspend", sys:suspend(cnt)),
    show("call while suspended", catch gen_server:call(cnt, get, 100)),
    gen_server:cast(cnt, inc),
    show("get_state suspended", sys:get_state(cnt)),
    {status, _, _, [_, SysState2 | _]} = sys:get_status(cnt),
    show("status suspended", SysState2),
    show("change_code", sys:change_code(cnt, other_mod, 1, extra)),
    show("after change_code", sys:get_state(cnt)),
    show("change_code error", sys:change_code(cnt, ?MODULE, error, extra)),
    show("change_code crash", element(1, sys:change_code(cnt, ?MODULE, 2, extra))),
    show("resume", sys:resume(cnt)),
    show("cast handled after resume", catch gen_server:call(cnt, get)),
    show("statistics", sys:statistics(cnt, get)),
    show("statistics on", sys:statistics(cnt, true)),
    {ok, Stats} = sys:statistics(cnt, get),
    show("statistics keys", [K || {K, _} <- Stats]),
    show("statistics off", sys:statistics(cnt, false)),
    show("log on", sys:log(cnt, true)),
    gen_server:call(cnt, get),
    show("log get", events(sys:log(cnt, get))),
    show("log off", sys:log(cnt, false)),
    show("trace on", sys:trace(cnt, true)),
    gen_server:call(cnt, inc),
    show("trace off", sys:trace(cnt, false)),
    show("no_debug", sys:no_debug(cnt)),
    show("get_state nosuch", catch sys:get_state(nosuch)),
    show("suspend nosuch", catch sys:suspend(nosuch)),
    show("terminate", sys:terminate(cnt, normal)),
    timer:sleep(20),
    show("whereis", whereis(cnt)),
    {ok, _} = gen_server:start({local, dbg}, ?MODULE, 0, [{debug, [trace, log]}]),
    gen_server:call(dbg, inc),
    gen_server:cast(dbg, inc),
    dbg ! hello_info,
    show("debug log", events(sys:log(dbg, get))),
    gen_server:stop(dbg),
    ok.
