%% gen_statem's "** State machine ... terminating" ERROR REPORT and the CRASH
%% REPORT after it: a bad action during a call (with the client's
%% stacktrace), a crash with postponed and queued events and running
%% time-outs, a stop with a custom reason, a bad return, init failures, a
%% failing state enter call, format_status/1 (in sys:get_status too), and
%% reasons that log nothing.
-module(statem_report).
-behaviour(gen_statem).
-export([main/0, init/1, callback_mode/0, handle_event/4, terminate/3, format_status/1]).

init(crash) -> error(init_crash);
init(junk) -> what;
init(stop) -> {stop, my_reason};
init(enter) -> put(enter, true), {ok, {busy, 0}, 0};
init(secret) -> {ok, vault, secret};
init(trap) -> process_flag(trap_exit, true), {ok, {busy, 2}, 102};
init(_) -> {ok, {busy, 1}, 101}.

callback_mode() ->
    case get(enter) of
        true -> [handle_event_function, state_enter];
        _ -> handle_event_function
    end.

handle_event(enter, _Old, _S, _D) -> error(enter_crash);
handle_event({call, _F}, crash, _S, _D) -> {keep_state_and_data, [bogus_action]};
handle_event({call, _F}, junk, _S, _D) -> bogus;
handle_event(cast, {later, _}, _S, _D) -> {keep_state_and_data, [postpone]};
handle_event(cast, timers, _S, _D) ->
    {keep_state_and_data, [{{timeout, g}, 10000, gmsg}, {state_timeout, 10000, smsg}]};
handle_event(cast, go, _S, D) ->
    {next_state, running, D, [{next_event, internal, first}, {next_event, internal, second}]};
handle_event(internal, first, _S, _D) -> error(first_failed);
handle_event(cast, {stop, R}, _S, D) -> {stop, R, D}.

terminate(_Reason, _State, _Data) -> ok.

%% OTP 25's format_status/1 rewrites what sys:get_status and the report show
format_status(#{data := secret} = Status) ->
    Status#{data := hidden, state := {shown, maps:get(state, Status)},
            postponed := [postponed_hidden], timeouts := [], queue => [queue_hidden]};
format_status(Status) ->
    Status.

nopid(T) when is_pid(T) -> 'PID';
nopid(T) when is_tuple(T) -> list_to_tuple(nopid(tuple_to_list(T)));
nopid([H | T]) -> [nopid(H) | nopid(T)];
nopid(T) -> T.

wait() -> timer:sleep(50).

start(Arg) ->
    {ok, P} = gen_statem:start(?MODULE, Arg, []),
    P.

%% Calls have a time-out: OTP 25 tags calls without one differently.
main() ->
    wait(),
    catch gen_statem:call(start(x), crash, 5000),
    wait(),
    catch gen_statem:call(start(x), junk, 5000),
    wait(),
    P = start(x),
    gen_statem:cast(P, {later, 1}),
    gen_statem:cast(P, {later, 2}),
    gen_statem:cast(P, timers),
    gen_statem:cast(P, go),
    wait(),
    gen_statem:cast(start(x), {stop, custom}),
    wait(),
    gen_statem:cast(start(x), {stop, {shutdown, fine}}),
    wait(),
    gen_statem:cast(start(x), {stop, normal}),
    wait(),
    gen_statem:start(?MODULE, crash, []),
    wait(),
    gen_statem:start(?MODULE, junk, []),
    wait(),
    gen_statem:start(?MODULE, stop, []),
    wait(),
    gen_statem:start(?MODULE, enter, []),
    wait(),
    V = start(secret),
    gen_statem:cast(V, {later, 1}),
    gen_statem:cast(V, timers),
    {status, _, _, [_, _, _, _, Misc]} = sys:get_status(V),
    io:format("~p~n", [nopid(tl(Misc))]),  % the header names the pid
    catch gen_statem:call(V, crash, 5000),
    wait(),
    catch gen_statem:stop(start(x), kaputt, 5000),
    wait(),
    process_flag(trap_exit, true),
    {ok, L} = gen_statem:start_link(?MODULE, trap, []),
    exit(L, weird),
    receive {'EXIT', L, _} -> ok end,
    wait(),
    ok.
