-module(errors_badfun).
-export([main/0]).

id(X) -> X.

main() ->
    try (id(not_a_fun))(1) catch error:{badfun, T} -> io:format("badfun ~p~n", [T]) end,
    try (id({tuple}))() catch error:{badfun, T2} -> io:format("badfun ~p~n", [T2]) end,
    F = fun(A, B) -> A + B end,
    try (id(F))(1) catch error:{badarity, {F1, Args}} -> io:format("badarity ~p ~p~n", [F1 =:= F, Args]) end,
    G = fun lists:reverse/1,
    try (id(G))(1, 2, 3) catch error:{badarity, {G1, Args2}} -> io:format("badarity ~p ~p~n", [G1 =:= G, Args2]) end,
    try apply(id(lists), id(reverse), [1, 2, 3]) catch error:undef -> io:format("undef~n") end,
    try erlang:apply(id(3), id(x), []) catch error:E -> io:format("~p~n", [E]) end.
