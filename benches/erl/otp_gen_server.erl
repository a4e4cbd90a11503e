%% Benchmark: gen_server:call round trips (issue 9): 1,000,000 calls from one client, then
%% 1,000,000 calls from 100 clients (10,000 each) to one server. The server counts the calls.
%% Self-checking: crashes with {wrong_result, ...} unless the server counted every call.
%% Prints `gen_server_calls_us One Many`: the microseconds of each part, timed inside the program
%% (the modules are already loaded), so start-up and code loading are not in the figures.
-module(otp_gen_server).
-behaviour(gen_server).
-export([main/0]).
-export([init/1, handle_call/3, handle_cast/2]).

-define(N, 1000000).
-define(CLIENTS, 100).

init(N) -> {ok, N}.

handle_call(inc, _From, N) -> {reply, N + 1, N + 1};
handle_call(count, _From, N) -> {reply, N, N}.

handle_cast(_Msg, N) -> {noreply, N}.

run(0, _P) -> ok;
run(I, P) ->
    _ = gen_server:call(P, inc),
    run(I - 1, P).

many(P) ->
    Self = self(),
    Pids = [spawn_link(fun() -> run(?N div ?CLIENTS, P), Self ! {done, self()} end)
            || _ <- lists:seq(1, ?CLIENTS)],
    wait(Pids).

wait([]) -> ok;
wait([C | T]) ->
    receive {done, C} -> wait(T) end.

main() ->
    {ok, P} = gen_server:start(?MODULE, 0, []),
    1 = gen_server:call(P, inc),
    T0 = erlang:monotonic_time(microsecond),
    run(?N, P),
    T1 = erlang:monotonic_time(microsecond),
    many(P),
    T2 = erlang:monotonic_time(microsecond),
    Count = gen_server:call(P, count),
    Count =:= 2 * ?N + 1 orelse error({wrong_result, Count}),
    ok = gen_server:stop(P),
    io:format("otp_gen_server ok ~p calls~n", [Count]),
    io:format("gen_server_calls_us ~p ~p~n", [T1 - T0, T2 - T1]).
