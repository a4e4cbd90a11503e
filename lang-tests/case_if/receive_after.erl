-module(receive_after).
-export([main/0]).

%% receive with only an after clause, and a timeout of 0 on an empty mailbox.
main() ->
    R1 = receive after 0 -> timeout end,
    io:format("~p~n", [R1]),
    self() ! hello,
    R2 = receive Msg -> {got, Msg} after 100 -> timeout end,
    io:format("~p~n", [R2]),
    R3 = receive nothing -> nothing after 10 -> waited end,
    io:format("~p~n", [R3]).
