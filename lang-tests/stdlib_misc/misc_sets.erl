-module(misc_sets).
-export([main/0]).

main() ->
    S = sets:from_list([3, 1, 2, 3]),
    io:format("~p~n", [[sets:size(S), lists:sort(sets:to_list(S)), sets:is_element(2, S)]]),
    S2 = sets:add_element(9, S),
    io:format("~p~n", [lists:sort(sets:to_list(sets:union(S2, sets:from_list([7]))))]),
    io:format("~p~n", [lists:sort(sets:to_list(sets:intersection(S2, sets:from_list([1, 9, 10]))))]).
