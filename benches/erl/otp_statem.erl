%% Benchmark: 1,000,000 events through a two-state gen_statem (state_functions mode): a client
%% makes 1,000,000 gen_statem:call/2 round trips, each flipping the machine between `off` and `on`
%% and counting the flips it saw in each state.
%% Self-checking: crashes with {wrong_result, ...} unless each state saw exactly half the events.
%% Prints `statem_events_us N`: the microseconds the events took, timed inside the program (the
%% modules are already loaded), so start-up and code loading are not in the figure.
-module(otp_statem).
-behaviour(gen_statem).
-export([main/0]).
-export([init/1, callback_mode/0, off/3, on/3]).

-define(N, 1000000).

init([]) -> {ok, off, {0, 0}}.

callback_mode() -> state_functions.

off({call, From}, flip, {Off, On}) -> {next_state, on, {Off + 1, On}, [{reply, From, on}]};
off({call, From}, count, Data) -> {keep_state_and_data, [{reply, From, Data}]}.

on({call, From}, flip, {Off, On}) -> {next_state, off, {Off, On + 1}, [{reply, From, off}]}.

run(0, _P) -> ok;
run(I, P) ->
    _ = gen_statem:call(P, flip),
    run(I - 1, P).

main() ->
    {ok, P} = gen_statem:start(?MODULE, [], []),
    off = gen_statem:call(P, flip) =:= on andalso gen_statem:call(P, flip),
    T0 = erlang:monotonic_time(microsecond),
    run(?N, P),
    T1 = erlang:monotonic_time(microsecond),
    Counts = gen_statem:call(P, count),
    Counts =:= {?N div 2 + 1, ?N div 2 + 1} orelse error({wrong_result, Counts}),
    ok = gen_statem:stop(P),
    io:format("otp_statem ok ~p events, counts ~p~n", [?N, Counts]),
    io:format("statem_events_us ~p~n", [T1 - T0]).
