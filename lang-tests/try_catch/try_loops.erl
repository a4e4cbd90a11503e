-module(try_loops).
-export([main/0]).

%% Many exceptions raised and caught in a loop (exercises handler push/pop).
safe_div(A, B) ->
    try A div B catch error:badarith -> infinity end.

loop(0, Acc) -> Acc;
loop(N, Acc) ->
    R = try
            case N rem 4 of
                0 -> throw(N);
                1 -> error(N);
                2 -> exit(N);
                3 -> N
            end
        catch
            throw:T -> T * 2;
            error:E -> E * 3;
            exit:X -> X * 5
        end,
    loop(N - 1, Acc + R).

main() ->
    io:format("~p~n", [[safe_div(10, D) || D <- [1, 0, 3, 0]]]),
    io:format("~p~n", [loop(100000, 0)]),
    io:format("~p~n", [lists:foldl(fun(X, A) -> A + (catch (X div (X rem 2))) end, 0, lists:seq(1, 11, 2))]).
