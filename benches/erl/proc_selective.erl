%% Benchmark: selective receive. Main fills its own mailbox with 10,000 {other, I} messages, then
%% 10,000 times sends itself {tagged, K} and receives that message by its tag, so every receive scans
%% past the 10,000 others. At the end the others are drained in order.
%% Self-checking: crashes with {wrong_result, ...} unless every tagged message came back and the 10,000
%% others were still in the mailbox, in the order sent.
-module(proc_selective).
-export([main/0]).

-define(OTHERS, 10000).
-define(PICKS, 10000).

fill(I) when I > ?OTHERS -> ok;
fill(I) ->
    self() ! {other, I},
    fill(I + 1).

pick(K, Sum) when K > ?PICKS -> Sum;
pick(K, Sum) ->
    self() ! {tagged, K},
    receive
        {tagged, K} -> pick(K + 1, Sum + K)
    end.

drain(I, Sum) when I > ?OTHERS -> Sum;
drain(I, Sum) ->
    receive
        {other, I} -> drain(I + 1, Sum + I)
    after 0 -> error({wrong_result, missing_other, I})
    end.

main() ->
    fill(1),
    Picked = pick(1, 0),
    Drained = drain(1, 0),
    Left = receive Extra -> {extra, Extra} after 0 -> none end,
    {Picked, Drained, Left} =:= {?PICKS * (?PICKS + 1) div 2, ?OTHERS * (?OTHERS + 1) div 2, none}
        orelse error({wrong_result, Picked, Drained, Left}),
    io:format("proc_selective ok ~p picks past ~p others, sums ~p ~p~n",
              [?PICKS, ?OTHERS, Picked, Drained]).
