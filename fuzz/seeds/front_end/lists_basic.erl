-module(lists_basic).
-export([main/0]).

main() ->
    L = [3, 1, 4, 1, 5, 9, 2, 6],
    io:format("~p~n", [[hd(L), tl(L), length(L)]]),
    io:format("~p~n", [[a | b]]),
    io:format("~p~n", [[a, b | c]]),
    io:format("~p~n", [[[], [[]], [[], []]]]),
    io:format("~p~n", [[is_list([]), is_list([a | b]), is_list("x"), is_list(<<>>)]]),
    [X, Y | Rest] = L,
    io:format("~p ~p ~p~n", [X, Y, Rest]),
    io:format("~p~n", [lists:seq(1, 10)]),
    io:format("~p~n", [lists:seq(1, 100)]),
    io:format("~p~n", [[{I, I * I} || I <- lists:seq(1, 12)]]).
