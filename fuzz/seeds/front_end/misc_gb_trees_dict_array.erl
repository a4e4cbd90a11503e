-module(misc_gb_trees_dict_array).
-export([main/0]).

%% gb_trees, gb_sets, dict and array.
main() ->
    T = lists:foldl(fun({K, V}, Acc) -> gb_trees:insert(K, V, Acc) end, gb_trees:empty(), [{5, e}, {1, a}, {3, c}]),
    io:format("~p~n", [[gb_trees:to_list(T), gb_trees:lookup(3, T), gb_trees:lookup(4, T), gb_trees:size(T)]]),
    io:format("~p~n", [[gb_trees:smallest(T), gb_trees:largest(T), gb_trees:keys(T), gb_trees:values(T)]]),
    io:format("~p~n", [gb_trees:to_list(gb_trees:delete(1, T))]),
    G = gb_sets:from_list([b, a, c]),
    io:format("~p~n", [[gb_sets:to_list(G), gb_sets:is_member(a, G), gb_sets:size(G)]]),
    D = dict:store(k, v, dict:new()),
    io:format("~p~n", [[dict:find(k, D), dict:fetch_keys(D), dict:size(D)]]),
    A = array:from_list([a, b, c]),
    io:format("~p~n", [[array:get(1, A), array:size(A), array:to_list(array:set(5, z, A))]]).
