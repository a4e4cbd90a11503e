%% gen_statem time-outs: event time-outs (cancelled by any event, zero
%% time-outs, the integer shorthand), state time-outs (cancelled by a state
%% change, kept by keep_state, restarted), generic {timeout, Name} time-outs
%% (surviving state changes, several at once), cancel, update, infinity, and
%% the order of zero time-outs relative to queued events.
-module(statem_timeouts).
-export([main/0]).
-export([init/1, callback_mode/0, handle_event/4]).

init(Actions) -> {ok, s1, [], Actions}.

callback_mode() -> handle_event_function.

log(E, D) -> [E | D].

handle_event({call, F}, log, _S, D) -> {keep_state, [], [{reply, F, lists:reverse(D)}]};
handle_event({call, F}, {do, Actions}, _S, D) ->
    {keep_state, log(do, D), [{reply, F, ok} | Actions]};
handle_event({call, F}, {goto, S, Actions}, _S, D) ->
    {next_state, S, log({goto, S}, D), [{reply, F, ok} | Actions]};
handle_event(cast, {do, Actions}, _S, D) -> {keep_state, log(do, D), Actions};
handle_event(cast, {goto, S, Actions}, _S, D) -> {next_state, S, log({goto, S}, D), Actions};
handle_event(cast, Msg, _S, D) -> {keep_state, log({cast, Msg}, D)};
handle_event(internal, Msg, _S, D) -> {keep_state, log({internal, Msg}, D)};
handle_event(info, Msg, _S, D) -> {keep_state, log({info, Msg}, D)};
handle_event(Type, Msg, S, D) -> {keep_state, log({Type, Msg, S}, D)}.

show(P, What) ->
    io:format("~s: ~p~n", [What, gen_statem:call(P, log)]).

main() ->
    %% an event time-out set in init fires when nothing arrives
    {ok, P} = gen_statem:start(?MODULE, [{timeout, 30, init_to}], []),
    timer:sleep(80),
    show(P, "init event timeout"),
    %% any event cancels it
    gen_statem:cast(P, {do, [{timeout, 50, ev}]}),
    gen_statem:cast(P, other),
    timer:sleep(100),
    show(P, "cancelled by an event"),
    %% the integer shorthand: {timeout, T, T}
    gen_statem:cast(P, {do, [40]}),
    timer:sleep(100),
    show(P, "integer"),
    %% zero event time-out with a message already waiting
    gen_statem:cast(P, {do, [{timeout, 0, zero}]}),
    timer:sleep(20),
    show(P, "zero, nothing queued"),
    sys:suspend(P),
    gen_statem:cast(P, {do, [{timeout, 0, zero}]}),
    gen_statem:cast(P, waiting),
    sys:resume(P),
    timer:sleep(20),
    show(P, "zero, message waiting"),
    %% a zero event time-out and a next_event
    gen_statem:cast(P, {do, [{timeout, 0, zero}, {next_event, internal, ne}]}),
    timer:sleep(20),
    show(P, "zero with next_event"),
    %% state time-out: fires, cancelled by a state change, kept by keep_state
    ok = gen_statem:call(P, {do, [{state_timeout, 30, st1}]}),
    timer:sleep(80),
    show(P, "state timeout"),
    ok = gen_statem:call(P, {do, [{state_timeout, 40, st2}]}),
    ok = gen_statem:call(P, {goto, s2, []}),
    timer:sleep(80),
    show(P, "cancelled by state change"),
    ok = gen_statem:call(P, {do, [{state_timeout, 50, st3}]}),
    ok = gen_statem:call(P, {goto, s2, []}),
    ok = gen_statem:call(P, {do, []}),
    timer:sleep(100),
    show(P, "kept when the state is the same"),
    ok = gen_statem:call(P, {goto, s3, [{state_timeout, 30, st4}]}),
    timer:sleep(80),
    show(P, "set during the state change"),
    %% generic time-outs survive state changes and run side by side
    ok = gen_statem:call(P, {do, [{{timeout, a}, 60, ga}, {{timeout, b}, 30, gb}]}),
    ok = gen_statem:call(P, {goto, s4, []}),
    timer:sleep(120),
    show(P, "generic"),
    %% cancel, update and infinity
    ok = gen_statem:call(P, {do, [{{timeout, a}, 40, ga}, {{timeout, b}, 40, gb},
                                  {state_timeout, 40, st}]}),
    ok = gen_statem:call(P, {do, [{{timeout, a}, cancel}, {state_timeout, update, st_updated},
                                  {{timeout, b}, infinity, gone}]}),
    timer:sleep(100),
    show(P, "cancel, update, infinity"),
    ok = gen_statem:call(P, {do, [{{timeout, c}, update, not_running}]}),
    timer:sleep(20),
    show(P, "update when not running"),
    %% restarting a running timer
    ok = gen_statem:call(P, {do, [{state_timeout, 30, first}]}),
    ok = gen_statem:call(P, {do, [{state_timeout, 60, second}]}),
    timer:sleep(120),
    show(P, "restarted"),
    %% zero time-outs of each kind go after queued next_events, in order
    ok = gen_statem:call(P, {do, [{{timeout, z}, 0, gz}, {state_timeout, 0, sz},
                                  {next_event, internal, n1}, {timeout, 0, ez},
                                  {next_event, internal, n2}]}),
    timer:sleep(20),
    show(P, "zero ordering"),
    %% an event time-out with a state time-out firing first
    ok = gen_statem:call(P, {do, [{state_timeout, 20, st}, {timeout, 60, ev}]}),
    timer:sleep(120),
    show(P, "state timeout cancels event timeout"),
    %% absolute time
    T = erlang:monotonic_time(millisecond) + 30,
    ok = gen_statem:call(P, {do, [{{timeout, abs}, T, absolute, [{abs, true}]}]}),
    timer:sleep(80),
    show(P, "absolute"),
    %% the timeout message content is a plain info when not ours
    P ! {timeout, make_ref(), state_timeout},
    timer:sleep(20),
    io:format("stray: ~p~n", [element(1, hd(gen_statem:call(P, log)))]),
    gen_statem:stop(P),
    ok.
