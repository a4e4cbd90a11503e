%% FizzBuzz from 1 to 30: pattern matching on a tuple, guards-free clauses, and a tail-recursive loop.
%% Run: krarup run examples/fizzbuzz.erl
-module(fizzbuzz).
-export([main/0]).

main() ->
    loop(1, 30).

loop(N, Max) when N > Max ->
    ok;
loop(N, Max) ->
    io:format("~s~n", [word(N)]),
    loop(N + 1, Max).

word(N) ->
    case {N rem 3, N rem 5} of
        {0, 0} -> "FizzBuzz";
        {0, _} -> "Fizz";
        {_, 0} -> "Buzz";
        _ -> integer_to_list(N)
    end.
