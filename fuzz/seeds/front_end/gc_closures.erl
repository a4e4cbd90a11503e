-module(gc_closures).
-export([main/0]).

%% Closures capturing lists, maps and other closures, kept in data structures across many allocations.
main() ->
    Fs = [begin L = lists:seq(1, I), fun() -> lists:sum(L) end end || I <- lists:seq(1, 500)],
    Garbage = [lists:seq(1, 100) || _ <- lists:seq(1, 2000)],
    io:format("~p~n", [length(Garbage)]),
    io:format("~p~n", [lists:sum([F() || F <- Fs])]),
    M = maps:from_list([{I, fun(X) -> X + I end} || I <- lists:seq(1, 30)]),
    io:format("~p~n", [lists:sum([(maps:get(I, M))(1) || I <- lists:seq(1, 30)])]),
    Chain = lists:foldl(fun(I, G) -> fun(X) -> G(X) + I end end, fun(X) -> X end, lists:seq(1, 1000)),
    io:format("~p~n", [Chain(0)]).
