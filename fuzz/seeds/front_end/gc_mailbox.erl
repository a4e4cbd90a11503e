-module(gc_mailbox).
-export([main/0]).

%% Many messages to self() holding heap data, received in a different order than sent.
main() ->
    [self() ! {msg, I, lists:seq(1, I rem 50)} || I <- lists:seq(1, 10000)],
    Evens = [receive {msg, I, L} -> length(L) end || I <- lists:seq(2, 10000, 2)],
    Odds = [receive {msg, I, L} -> length(L) end || I <- lists:seq(1, 9999, 2)],
    io:format("~p ~p~n", [lists:sum(Evens), lists:sum(Odds)]),
    io:format("~p~n", [receive Any -> Any after 0 -> empty end]).
