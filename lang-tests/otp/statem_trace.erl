%% sys:trace output (*DBG* lines on standard output) of a gen_statem started
%% with {debug, [trace]}: the enter line, init's pseudo event, received
%% events, replies, next_event events, consumed and postponed events with
%% state changes, time-outs started and zero time-outs; turning it off and on with sys:trace/2; and of a gen_event
%% manager's notify.
-module(statem_trace).
-export([main/0, init/1, callback_mode/0, handle_event/4]).

init(_) -> {ok, a, 0}.

callback_mode() -> handle_event_function.

handle_event({call, F}, flip, a, D) -> {next_state, b, D, [{reply, F, ok}]};
handle_event({call, F}, flip, b, D) -> {next_state, a, D, [{reply, F, ok}]};
handle_event(cast, later, a, _) -> {keep_state_and_data, [postpone]};
handle_event(cast, later, b, _) -> keep_state_and_data;
handle_event(cast, x, _, _) -> keep_state_and_data;
handle_event(cast, timers, _, _) ->
    {keep_state_and_data, [{state_timeout, 10, st}, {{timeout, g}, 0, gz}, {timeout, 0, ez}]};
handle_event(T, _, _, _) when T =:= state_timeout; T =:= {timeout, g} -> keep_state_and_data;
handle_event(info, _, _, _) -> {keep_state_and_data, [{next_event, internal, y}]};
handle_event(internal, _, _, _) -> keep_state_and_data.

main() ->
    {ok, P} = gen_statem:start({local, trc}, ?MODULE, [], [{debug, [trace]}]),
    ok = gen_statem:call(P, flip),
    gen_statem:cast(P, x),
    P ! hi,
    ok = gen_statem:call(P, flip),
    gen_statem:cast(P, later),
    ok = gen_statem:call(P, flip),
    sys:trace(P, false),
    ok = gen_statem:call(P, flip),
    sys:trace(P, true),
    ok = gen_statem:call(P, flip),
    gen_statem:cast(P, timers),
    timer:sleep(50),
    sys:trace(P, false),
    gen_statem:stop(P),
    {ok, M} = gen_event:start({local, tev}, [{debug, [trace]}]),
    gen_event:notify(M, ev),
    gen_event:notify(M, ev2),
    sys:trace(M, false),
    gen_event:stop(M),
    ok.
