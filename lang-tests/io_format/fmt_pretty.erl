-module(fmt_pretty).
-export([main/0]).

main() ->
    L = lists:seq(1, 40),
    io:format("~p~n", [L]),
    T = {alpha, beta, gamma, delta, [epsilon, zeta, eta, theta], {iota, kappa, lambda}, "a string value here"},
    io:format("~p~n", [T]),
    io:format("~p~n", [[T, T]]),
    Deep = {level1, {level2, {level3, {level4, [one, two, three, four, five, six, seven, eight, nine]}}}},
    io:format("~p~n", [Deep]),
    M = #{name => "Joe", langs => [erlang, prolog, smalltalk], address => #{street => "Long Street Name 12345", city => "Stockholm"}},
    io:format("~p~n", [M]),
    Strs = ["short", "strings", "in", "a", "list", "that", "is", "long", "enough", "to", "wrap", "around", "the", "line"],
    io:format("~p~n", [Strs]),
    io:format("~p~n", [[{K, K * K} || K <- lists:seq(1, 20)]]),
    Bin = list_to_binary(lists:seq(1, 60)),
    io:format("~p~n", [Bin]),
    io:format("~p~n", [list_to_binary(lists:duplicate(100, $a))]),
    io:format("prefix: ~p~n", [L]),
    io:format("~w~n", [L]).
