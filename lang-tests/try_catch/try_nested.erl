-module(try_nested).
-export([main/0]).

level3() -> throw(deep).
level2() -> try level3() catch error:_ -> not_here end.
level1() -> try level2() catch throw:deep -> rethrow(), unreachable end.
rethrow() -> throw(rethrown).

main() ->
    R = try level1() catch throw:X -> {top, X} end,
    io:format("~p~n", [R]),
    R2 = try
             try throw(a) catch throw:a -> throw(b) end
         catch
             throw:b -> caught_b
         end,
    io:format("~p~n", [R2]),
    R3 = try
             try error(e1) catch error:e1 -> error(e2) after io:format("cleanup~n") end
         catch
             error:e2 -> caught_e2
         end,
    io:format("~p~n", [R3]),
    R4 = try try_of(1) catch C:V -> {C, V} end,
    io:format("~p~n", [R4]),
    R5 = try try_of(2) catch C2:V2 -> {C2, V2} end,
    io:format("~p~n", [R5]).

%% An exception raised in the `of` section is not caught by the same try.
try_of(N) ->
    try N of
        1 -> throw(from_of);
        _ -> fine
    catch
        throw:from_of -> wrongly_caught
    end.
