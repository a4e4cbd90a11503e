-module(maps_large).
-export([main/0]).

%% Maps above 32 keys change representation on BEAM (hash array mapped trie).
main() ->
    M = maps:from_list([{I, I * I} || I <- lists:seq(1, 100)]),
    io:format("~p~n", [map_size(M)]),
    io:format("~p~n", [[maps:get(I, M) || I <- [1, 33, 64, 100]]]),
    io:format("~p~n", [lists:sort(maps:keys(M)) =:= lists:seq(1, 100)]),
    io:format("~p~n", [lists:sum(maps:values(M))]),
    M2 = maps:from_list([{I, x} || I <- lists:seq(1, 40)]),
    Atoms = maps:from_list([{list_to_atom([C]), C} || C <- lists:seq($a, $z)]),
    io:format("~p~n", [Atoms]),
    Big = lists:foldl(fun(I, Acc) -> Acc#{I => I} end, #{}, lists:seq(1, 10000)),
    io:format("~p~n", [map_size(Big)]),
    Smaller = maps:filter(fun(K, _) -> K rem 1000 =:= 0 end, Big),
    io:format("~p~n", [Smaller]),
    io:format("~p~n", [M2 =:= maps:from_list(lists:reverse(maps:to_list(M2)))]).
