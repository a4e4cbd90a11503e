-module(unsafe_branches).
-export([main/1]).
main(X) ->
    case X of
        1 -> A = 1;
        _ -> ok
    end,
    B = catch (C = 3),
    try X of
        Y -> Y
    catch
        _:_ -> D = 2
    end,
    if X > 0 -> E = 1; true -> ok end,
    receive Q -> F = Q after 0 -> ok end,
    {A, B, C, Y, D, E, F}.
