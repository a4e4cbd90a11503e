-module(sl_uncaught_badkey).
-export([main/0]).

main() ->
    M = #{a => 1, b => [1, 2, 3]},
    io:format("before ~p~n", [M]),
    R = try maps:get(c, M) catch error:E -> E end,
    io:format("caught ~p~n", [R]),
    lookup(M, c).

lookup(M, K) ->
    V = M#{K := 2},
    io:format("never ~p~n", [V]).
