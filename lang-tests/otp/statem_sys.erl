%% gen_statem and gen_event under sys: get_state, replace_state, get_status
%% (the status layout), suspend and resume (calls wait, events queue),
%% change_code calling code_change/4, and system messages served while
%% time-outs run; gen_event's get_state lists its handlers.
-module(statem_sys).
-export([main/0]).
-export([init/1, callback_mode/0, handle_event/4, code_change/4]).
-export([handle_event/2, handle_call/2]).

init(event_handler) -> {ok, handler_state};
init(Data) -> {ok, idle, Data}.

callback_mode() -> handle_event_function.

handle_event({call, F}, get, S, D) -> {keep_state_and_data, [{reply, F, {S, D}}]};
handle_event(cast, {set, S1}, _S, D) -> {next_state, S1, D};
handle_event(cast, timers, _S, _D) ->
    {keep_state_and_data, [{{timeout, g}, 10000, gmsg}, {state_timeout, 10000, smsg}]}.

code_change(OldVsn, S, D, Extra) -> {ok, {changed, S}, {OldVsn, D, Extra}}.

handle_event(_E, S) -> {ok, S}.
handle_call(_Q, S) -> {ok, S, S}.

nopid(T) when is_pid(T) -> 'PID';
nopid(T) when is_tuple(T) -> list_to_tuple(nopid(tuple_to_list(T)));
nopid([H | T]) -> [nopid(H) | nopid(T)];
nopid(T) -> T.

main() ->
    {ok, P} = gen_statem:start({local, sysm}, ?MODULE, data0, []),
    io:format("get_state: ~p~n", [sys:get_state(P)]),
    io:format("replace_state: ~p~n", [sys:replace_state(P, fun({S, D}) -> {S, {new, D}} end)]),
    io:format("call: ~p~n", [gen_statem:call(P, get)]),
    {status, _, Mod, [PDict, SysState, _Parent, Dbg, Misc]} = sys:get_status(P),
    io:format("status: ~p ~p ~p ~p~n", [Mod, [K || {K, _} <- PDict], SysState, Dbg]),
    io:format("  ~p~n", [nopid(Misc)]),
    ok = sys:suspend(P),
    gen_statem:cast(P, {set, busy}),
    io:format("suspended call: ~p~n", [element(1, element(2, catch gen_statem:call(P, get, 50)))]),
    io:format("suspended get_state: ~p~n", [sys:get_state(P)]),
    io:format("change_code: ~p~n", [sys:change_code(P, ?MODULE, v1, extra)]),
    ok = sys:resume(P),
    io:format("after resume: ~p~n", [gen_statem:call(P, get)]),
    io:format("change_code running: ~p~n", [sys:change_code(P, ?MODULE, v1, extra)]),
    gen_statem:cast(P, timers),
    {status, _, _, [_, _, _, _, Misc2]} = sys:get_status(P),
    io:format("with timers: ~p~n", [nopid(Misc2)]),
    ok = gen_statem:stop(P),
    {ok, M} = gen_event:start(),
    ok = gen_event:add_handler(M, ?MODULE, event_handler),
    ok = gen_event:add_handler(M, {?MODULE, 2}, event_handler),
    io:format("gen_event get_state: ~p~n", [sys:get_state(M)]),
    io:format("gen_event replace_state: ~p~n",
              [sys:replace_state(M, fun({Mod1, Id, S}) -> {Mod1, Id, {x, S}} end)]),
    {status, _, EvMod, [_, EvSys, _, _, EvMisc]} = sys:get_status(M),
    io:format("gen_event get_status: ~p ~p~n  ~p~n", [EvMod, EvSys, nopid(tl(EvMisc))]),
    ok = gen_event:stop(M),
    ok.
