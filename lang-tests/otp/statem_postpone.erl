%% gen_statem event queue order: postponed events come back (oldest first)
%% after a state change but not after keep_state or repeat_state;
%% next_event events run before postponed and mailbox events, in action
%% order; internal events; {postpone, false}; hibernate and {hibernate, _}.
-module(statem_postpone).
-export([main/0]).
-export([init/1, callback_mode/0, handle_event/4]).

init([]) -> {ok, closed, []}.

callback_mode() -> handle_event_function.

log(E, D) -> [E | D].

handle_event({call, F}, log, _S, D) -> {keep_state, [], [{reply, F, lists:reverse(D)}]};
handle_event(cast, {work, N}, closed, D) -> {keep_state, log({postponed, N}, D), [postpone]};
handle_event(cast, {work, N}, open, D) -> {keep_state, log({work, N}, D)};
handle_event(cast, open, closed, D) -> {next_state, open, log(open, D)};
handle_event(cast, open_next, closed, D) ->
    {next_state, open, log(open_next, D),
     [{next_event, internal, first}, {next_event, cast, {work, second}}]};
handle_event(cast, close, _, D) -> {next_state, closed, log(close, D)};
handle_event(cast, repeat, S, D) -> {repeat_state, log({repeat, S}, D)};
handle_event(cast, keep_postpone_false, closed, D) ->
    {keep_state, log(not_postponed, D), [postpone, {postpone, false}]};
handle_event(cast, chain, _, D) ->
    {keep_state, log(chain, D), [{next_event, internal, {step, 1}}]};
handle_event(internal, {step, N}, _, D) when N < 3 ->
    {keep_state, log({step, N}, D), [{next_event, internal, {step, N + 1}}]};
handle_event(internal, Ev, _, D) -> {keep_state, log({internal, Ev}, D)};
handle_event(cast, hib, _, D) -> {keep_state, log(hib, D), [hibernate]};
handle_event(cast, nohib, _, D) -> {keep_state, log(nohib, D), [{hibernate, false}]};
handle_event(info, Msg, _, D) -> {keep_state, log({info, Msg}, D)}.

main() ->
    {ok, P} = gen_statem:start(?MODULE, [], []),
    C = fun(M) -> gen_statem:cast(P, M) end,
    C({work, 1}), C({work, 2}), P ! info1, C(repeat), C({work, 3}),
    io:format("~p~n", [gen_statem:call(P, log)]),
    C(open),
    io:format("~p~n", [gen_statem:call(P, log)]),
    C(close), C({work, 4}), C({work, 5}), C(open_next), C({work, 6}),
    io:format("~p~n", [gen_statem:call(P, log)]),
    C(close), C({work, 7}), C(keep_postpone_false), C(chain), P ! info2, C(open),
    io:format("~p~n", [gen_statem:call(P, log)]),
    C(hib),
    timer:sleep(50),
    io:format("~p~n", [process_info(P, current_function)]),
    io:format("~p~n", [gen_statem:call(P, log)]),
    C(nohib), C({work, 8}),
    io:format("~p~n", [gen_statem:call(P, log)]),
    io:format("~p~n", [sys:get_state(P)]),
    gen_statem:stop(P),
    ok.
