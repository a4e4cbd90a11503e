-module(unsafe_nested).
-export([main/1]).
main(X) ->
    try
        case X of
            1 -> A = 1;
            _ -> A = 2
        end,
        A
    of
        R -> R
    catch
        throw:T -> T
    end,
    F = fun() -> A end,
    case X of
        2 -> K = 1;
        3 -> K = 2;
        _ -> ok
    end,
    receive
        {K, M} -> M
    after 0 ->
        M = 0
    end,
    {F, R, T, M}.
