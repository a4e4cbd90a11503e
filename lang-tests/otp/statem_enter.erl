%% gen_statem state enter calls: the first enter call, enter on every state
%% change, repeat_state and repeat_state_and_data re-running it, keep_state
%% not running it, actions allowed in an enter call, and handle_event_function
%% mode with [handle_event_function, state_enter] and any term as state.
-module(statem_enter).
-export([main/0]).
-export([init/1, callback_mode/0, a/3, b/3, handle_event/4]).

init(state_functions) -> {ok, a, []};
init(handle_event_function) ->
    %% callback_mode/0 runs in the server after init/1
    put(mode, handle_event_function),
    {ok, {busy, 0}, []}.

callback_mode() ->
    case get(mode) of
        undefined -> [state_functions, state_enter];
        M -> [M, state_enter]
    end.

log(Entry, Data) -> [Entry | Data].

a(enter, Old, D) -> {keep_state, log({enter_a, Old}, D)};
a({call, F}, log, D) -> {keep_state_and_data, [{reply, F, lists:reverse(D)}]};
a(cast, go_b, D) -> {next_state, b, log(go_b, D)};
a(cast, stay, D) -> {next_state, a, log(stay, D)};
a(cast, repeat, D) -> {repeat_state, log(repeat, D)};
a(cast, repeat_all, _D) -> repeat_state_and_data;
a(cast, keep, D) -> {keep_state, log(keep, D)}.

b(enter, a, D) -> {keep_state, log({enter_b, a}, D), [{state_timeout, 0, from_enter}]};
b(enter, Old, D) -> {keep_state, log({enter_b, Old}, D)};
b(state_timeout, Msg, D) -> {keep_state, log({state_timeout, Msg}, D)};
b(cast, back, D) -> {next_state, a, log(back, D)};
b({call, F}, log, D) -> {keep_state_and_data, [{reply, F, lists:reverse(D)}]};
b({call, F}, enter_reply, D) ->
    {repeat_state, log(enter_reply, D), [{reply, F, before_enter}]}.

%% handle_event_function: the state is {busy, N}
handle_event(enter, Old, State, D) ->
    {keep_state, log({enter, Old, State}, D)};
handle_event(cast, bump, {busy, N}, D) -> {next_state, {busy, N + 1}, log({bump, N}, D)};
handle_event(cast, same, State, D) -> {next_state, State, log(same, D)};
handle_event({call, F}, log, _State, D) -> {keep_state_and_data, [{reply, F, lists:reverse(D)}]}.

main() ->
    {ok, P} = gen_statem:start(?MODULE, state_functions, []),
    io:format("~p~n", [gen_statem:call(P, log)]),
    [gen_statem:cast(P, C) || C <- [stay, keep, repeat, repeat_all, go_b]],
    io:format("~p~n", [gen_statem:call(P, log)]),
    io:format("~p~n", [gen_statem:call(P, enter_reply)]),
    [gen_statem:cast(P, C) || C <- [back, go_b]],
    io:format("~p~n", [gen_statem:call(P, log)]),
    gen_statem:stop(P),
    {ok, Q} = gen_statem:start(?MODULE, handle_event_function, []),
    [gen_statem:cast(Q, C) || C <- [bump, same, bump]],
    io:format("~p~n", [gen_statem:call(Q, log)]),
    gen_statem:stop(Q),
    ok.
