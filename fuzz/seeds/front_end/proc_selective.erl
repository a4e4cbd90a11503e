-module(proc_selective).
-export([main/0]).

main() ->
    self() ! {low, 1},
    self() ! {high, 2},
    self() ! {low, 3},
    self() ! {high, 4},
    H = [receive {high, X} -> X end, receive {high, Y} -> Y end],
    L = [receive {low, X2} -> X2 end, receive {low, Y2} -> Y2 end],
    io:format("~p ~p~n", [H, L]),
    R = receive _ -> unexpected after 0 -> empty end,
    io:format("~p~n", [R]).
