%% Benchmark (issue 12): persistent_term:get/1 of a 100-element tuple in a loop, 50,000,000 times
%% (a get must not copy the term into the caller's heap). Self-checking: one element of each term
%% read is summed. Prints `pterm_get_us N`, the microseconds of the loop.
-module(pterm_get).
-export([main/0]).

-define(N, 50000000).

main() ->
    persistent_term:put({?MODULE, config}, list_to_tuple(lists:seq(1, 100))),
    T0 = erlang:monotonic_time(microsecond),
    Sum = loop(?N, 0),
    T1 = erlang:monotonic_time(microsecond),
    Sum =:= ?N * 100 orelse error({wrong_result, Sum}),
    io:format("pterm_get ok ~p gets~n", [?N]),
    io:format("pterm_get_us ~p~n", [T1 - T0]).

loop(0, Acc) -> Acc;
loop(I, Acc) ->
    loop(I - 1, Acc + element(100, persistent_term:get({?MODULE, config}))).
