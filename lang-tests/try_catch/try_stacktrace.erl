-module(try_stacktrace).
-export([main/0]).

crash(X) -> error({crash, X}).

main() ->
    try crash(1)
    catch
        error:R:St ->
            io:format("~p~n", [R]),
            io:format("~p~n", [is_list(St)]),
            [{M, F, A, _} | _] = St,
            io:format("~p ~p ~p~n", [M, F, A])
    end,
    try throw(t)
    catch
        throw:t:St2 -> io:format("~p~n", [is_list(St2)])
    end,
    try erlang:raise(error, reraised, [{mod, fn, 1, []}])
    catch
        error:reraised:St3 -> io:format("~p~n", [St3])
    end.
