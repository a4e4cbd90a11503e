-module(unsafe_try_after).
-export([main/0, f/0, g/0]).
main() ->
    try ok
    after
        Z = 1
    end,
    try V = 1 of
        _ -> V
    catch
        _ -> V
    end,
    Z.
f() ->
    try B = 1, B
    after
        B
    end.
g() ->
    try B = 1, B
    after
        ok
    end,
    B = 2.
