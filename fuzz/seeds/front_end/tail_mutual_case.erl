-module(tail_mutual_case).
-export([main/0]).

%% Tail calls from inside case/if/try-of branches.
count(N, Acc) ->
    case N rem 3 of
        0 when N =:= 0 -> Acc;
        0 -> count(N - 1, Acc + 3);
        1 -> if N > 0 -> count(N - 1, Acc + 1) end;
        2 -> step(N, Acc)
    end.

step(N, Acc) -> count(N - 1, Acc + 2).

main() ->
    io:format("~p~n", [count(3000000, 0)]),
    io:format("~p~n", [apply_loop(1000000)]).

apply_loop(0) -> ok;
apply_loop(N) -> erlang:apply(fun apply_loop/1, [N - 1]).
