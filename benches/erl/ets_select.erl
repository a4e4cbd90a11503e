%% Benchmark (issue 12): ets:select/2 with a match specification (a guard on two fields and a
%% tuple built in the body) over a 1,000,000-row set table, 6 times. Self-checking: each select
%% returns the expected number of rows and sum. Prints `ets_select_us N`, the microseconds of the
%% selects (the table is filled before timing).
-module(ets_select).
-export([main/0]).

-define(N, 1000000).
-define(TIMES, 6).

main() ->
    T = ets:new(rows, [set]),
    fill(T, ?N),
    MS = [{{'$1', '$2', '$3'}, [{'>', '$2', 500}, {'=:=', '$3', even}], [{{'$1', '$2'}}]}],
    T0 = erlang:monotonic_time(microsecond),
    Results = [check(ets:select(T, MS)) || _ <- lists:seq(1, ?TIMES)],
    T1 = erlang:monotonic_time(microsecond),
    [R | _] = Results,
    io:format("ets_select ok ~p rows matched~n", [R]),
    io:format("ets_select_us ~p~n", [T1 - T0]).

fill(_T, 0) -> ok;
fill(T, I) ->
    Parity = case I rem 2 of 0 -> even; 1 -> odd end,
    ets:insert(T, {I, I rem 1000, Parity}),
    fill(T, I - 1).

check(Rows) ->
    %% Rows with I rem 1000 > 500 and I even: 249 per 1000 keys.
    Expected = ?N div 1000 * 249,
    length(Rows) =:= Expected orelse error({wrong_result, length(Rows)}),
    Expected.
