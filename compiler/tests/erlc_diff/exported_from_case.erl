-module(exported_from_case).
-export([main/1]).
main(X) ->
    case X of
        1 -> A = one;
        _ -> A = other
    end,
    A.
