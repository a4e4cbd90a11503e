-module(proc_mailbox).
-export([main/0]).

%% A mailbox filled while its owner is busy: message_queue_len grows, a later receive sees all
%% messages in arrival order, a flush loop empties it, and messages sent to oneself in a loop
%% are all there.

drain(Acc) ->
    receive
        M -> drain([M | Acc])
    after 0 -> lists:reverse(Acc)
    end.

main() ->
    Self = self(),
    P = spawn(fun() ->
                      receive start -> ok end,
                      Got = drain([]),
                      Self ! {drained, length(Got), Got =:= lists:seq(1, 5000)}
              end),
    [P ! I || I <- lists:seq(1, 5000)],
    {message_queue_len, Q} = process_info(P, message_queue_len),
    io:format("queued before start: ~p~n", [Q]),
    P ! start,
    receive {drained, N, InOrder} -> io:format("drained: ~p ~p~n", [N, InOrder]) end,
    [Self ! {s, I} || I <- lists:seq(1, 300)],
    {message_queue_len, Q2} = process_info(Self, message_queue_len),
    io:format("own queue: ~p~n", [Q2]),
    Mine = drain([]),
    io:format("own drained: ~p ~p~n", [length(Mine), hd(Mine)]),
    {message_queue_len, Q3} = process_info(Self, message_queue_len),
    io:format("own queue after: ~p~n", [Q3]),
    %% Selective receive removes exactly one message.
    [Self ! X || X <- [a, b, a, c, a]],
    receive c -> ok end,
    {message_queue_len, Q4} = process_info(Self, message_queue_len),
    io:format("after picking c: ~p ~p~n", [Q4, drain([])]),
    ok.
