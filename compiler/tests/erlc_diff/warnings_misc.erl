-module(warnings_misc).
-export([main/1]).
main(X) ->
    case X of
        1 -> A = one;
        _ -> A = other
    end,
    {ok, B} = {ok, X},
    F = fun(Y) -> [Y || Y <- [1]] end,
    G = fun G(N) -> N end,
    try X of
        V -> ok
    catch
        E:R -> ok
    end,
    receive M -> ok after 0 -> ok end,
    {F, G, <<1:B>>}.
