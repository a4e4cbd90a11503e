-module(unsafe_case_in_case).
-export([main/1]).
main(X) ->
    case X of
        a ->
            case X of
                a -> A = 1;
                _ -> ok
            end;
        _ -> A = 2
    end,
    A.
