%% Benchmark: 1,000,000 round trips between two processes (main sends {ping, From, I}, the partner
%% answers {pong, I}).
%% Self-checking: crashes with {wrong_result, ...} unless every answer carried the number that was sent
%% and the partner saw exactly 1,000,000 pings.
-module(proc_pingpong).
-export([main/0]).

-define(N, 1000000).

partner(Seen) ->
    receive
        {ping, From, I} ->
            From ! {pong, I},
            partner(Seen + 1);
        {stop, From} ->
            From ! {seen, Seen}
    end.

rally(0, _Partner, Sum) -> Sum;
rally(I, Partner, Sum) ->
    Partner ! {ping, self(), I},
    receive
        {pong, I} -> rally(I - 1, Partner, Sum + I)
    end.

main() ->
    Partner = spawn(fun() -> partner(0) end),
    Sum = rally(?N, Partner, 0),
    Partner ! {stop, self()},
    Seen = receive {seen, S} -> S end,
    {Seen, Sum} =:= {?N, ?N * (?N + 1) div 2} orelse error({wrong_result, Seen, Sum}),
    io:format("proc_pingpong ok ~p round trips, sum ~p~n", [Seen, Sum]).
