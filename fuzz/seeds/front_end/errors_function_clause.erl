-module(errors_function_clause).
-export([main/0]).

only_ok(ok) -> fine.
pos(N) when N > 0 -> N.

id(X) -> X.

main() ->
    R1 = try only_ok(id(nope)) catch error:E1 -> E1 end,
    io:format("~p~n", [R1]),
    R2 = try pos(id(-1)) catch error:E2 -> E2 end,
    io:format("~p~n", [R2]),
    R3 = try (fun(a) -> a end)(id(b)) catch error:E3 -> E3 end,
    io:format("~p~n", [R3]),
    R4 = try lists:map(id(notfun), [1]) catch error:E4 -> E4 end,
    io:format("~p~n", [R4]),
    try only_ok(id(x))
    catch error:function_clause:St ->
            [{M, F, Args, _} | _] = St,
            io:format("~p ~p ~p~n", [M, F, Args])
    end.
