-module(unused_variable).
-export([main/1]).
main(X) ->
    Y = 1,
    case X of
        {A, B} -> A;
        _ -> ok
    end.
