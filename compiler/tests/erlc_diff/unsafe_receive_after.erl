-module(unsafe_receive_after).
-export([main/0]).
main() ->
    receive
        a -> ok
    after 0 ->
        N = 1
    end,
    G = catch begin W = 1, W end,
    case W of
        1 -> G;
        _ -> N
    end.
