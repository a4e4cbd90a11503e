-module(unsafe_if_shadow).
-export([main/1]).
main(X) ->
    if
        X > 1 -> P = a, Q = b;
        true -> P = c
    end,
    L = [Q || _ <- [1]],
    H = fun(P) -> P end,
    {L, H}.
