-module(unsafe_in_pattern).
-export([main/1]).
main(X) ->
    case X of
        a -> Z = 1;
        b -> ok
    end,
    {Z, _} = {1, 2},
    ok.
