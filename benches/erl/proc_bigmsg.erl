%% Benchmark: main sends 100,000 messages, each {I, List} with a 100-element list of pairs {K, K * K}
%% (500 words per message on BEAM), to a receiver that walks and sums every list. Flow control keeps at most two batches of 1,000 messages in flight (the
%% receiver acknowledges each full batch), so the benchmark measures copying, not mailbox growth.
%% Self-checking: crashes with {wrong_result, ...} unless the receiver's total is the expected one.
-module(proc_bigmsg).
-export([main/0]).

-define(N, 100000).
-define(BATCH, 1000).
-define(LEN, 100).

receiver(Main, Count, Sum) ->
    receive
        {I, List} when is_integer(I) ->
            Sum1 = sum(List, Sum + I),
            Count1 = Count + 1,
            Count1 rem ?BATCH =:= 0 andalso (Main ! {ack, Count1 div ?BATCH}),
            receiver(Main, Count1, Sum1);
        done ->
            Main ! {total, Count, Sum}
    end.

sum([], Acc) -> Acc;
sum([{K, Sq} | Rest], Acc) -> sum(Rest, Acc + K + Sq).

send_all(I, _To, _List) when I > ?N -> ok;
send_all(I, To, List) ->
    To ! {I, List},
    I rem ?BATCH =:= 0 andalso I div ?BATCH > 1 andalso wait_ack(I div ?BATCH - 1),
    send_all(I + 1, To, List).

wait_ack(Batch) ->
    receive {ack, Batch} -> true end.

main() ->
    Main = self(),
    List = [{K, K * K} || K <- lists:seq(1, ?LEN)],
    Receiver = spawn(fun() -> receiver(Main, 0, 0) end),
    send_all(1, Receiver, List),
    Receiver ! done,
    {Count, Total} = receive {total, C, T} -> {C, T} end,
    Expected = ?N * lists:sum([K + Sq || {K, Sq} <- List]) + ?N * (?N + 1) div 2,
    {Count, Total} =:= {?N, Expected} orelse error({wrong_result, Count, Total}),
    io:format("proc_bigmsg ok ~p messages of ~p elements, total ~p~n", [Count, ?LEN, Total]).
