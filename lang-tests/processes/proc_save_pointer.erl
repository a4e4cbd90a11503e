-module(proc_save_pointer).
-export([main/0]).

%% Receive semantics that a save pointer must preserve: messages skipped by one receive stay in
%% the mailbox in arrival order and are seen again by the next receive, also when the matching
%% message arrives while the receiver is blocked; a large mailbox is scanned correctly.

flush() ->
    receive
        M -> [M | flush()]
    after 0 -> []
    end.

count(Acc) ->
    receive
        _ -> count(Acc + 1)
    after 0 -> Acc
    end.

main() ->
    Self = self(),
    %% The matching message arrives after the receiver has scanned (and skipped) the others.
    [Self ! {junk, I} || I <- lists:seq(1, 5)],
    P = spawn(fun() -> receive go -> Self ! wanted end end),
    P ! go,
    receive wanted -> io:format("got wanted~n") end,
    Self ! {junk, 6},
    %% The next receive starts again from the oldest message.
    receive {junk, J} -> io:format("oldest again: ~p~n", [J]) end,
    io:format("left: ~p~n", [flush()]),
    %% A receive that times out leaves all messages in place.
    [Self ! {keep, I} || I <- [1, 2, 3]],
    receive nothing_like_this -> io:format("bad~n") after 10 -> io:format("timed out~n") end,
    io:format("kept: ~p~n", [flush()]),
    %% A mailbox of 10,000 messages with the wanted one at the end, several times.
    [Self ! {filler, I} || I <- lists:seq(1, 10000)],
    Tags = lists:seq(1, 20),
    [Self ! {tag, T} || T <- Tags],
    Got = [receive {tag, T} -> T end || T <- lists:reverse(Tags)],
    io:format("tags picked in any order: ~p~n", [Got =:= lists:reverse(Tags)]),
    receive {filler, F1} -> io:format("first filler: ~p~n", [F1]) end,
    receive {filler, F2} when F2 > 9998 -> io:format("filler near end: ~p~n", [F2]) end,
    io:format("remaining: ~p~n", [count(0)]),
    %% Interleaving: a server replies while unrelated messages keep arriving.
    Srv = spawn(fun Loop() ->
                        receive
                            {req, From, Ref, N} -> From ! {noise, N}, From ! {reply, Ref, N * N}, Loop();
                            stop -> ok
                        end
                end),
    Results = [begin
                   Ref = make_ref(),
                   Srv ! {req, Self, Ref, N},
                   receive {reply, Ref, V} -> V end
               end || N <- lists:seq(1, 5)],
    Srv ! stop,
    io:format("replies: ~p~n", [Results]),
    io:format("noise left in order: ~p~n", [flush()]),
    ok.
