-module(unsafe_case_in_try).
-export([main/1]).
main(X) ->
    try
        case X of
            a -> A = 1;
            _ -> ok
        end
    catch
        _:_ -> ok
    end,
    A.
