-module(misc_orddict).
-export([main/0]).

main() ->
    D0 = orddict:new(),
    D1 = orddict:store(b, 2, D0),
    D2 = orddict:store(a, 1, D1),
    D3 = orddict:store(c, 3, D2),
    io:format("~p~n", [D3]),
    io:format("~p~n", [[orddict:find(a, D3), orddict:find(z, D3), orddict:fetch(b, D3), orddict:is_key(c, D3)]]),
    io:format("~p~n", [orddict:erase(b, D3)]),
    io:format("~p~n", [orddict:append(a, x, orddict:store(a, [], D3))]),
    io:format("~p~n", [orddict:update_counter(a, 5, D3)]),
    io:format("~p~n", [orddict:update(a, fun(V) -> V * 100 end, D3)]),
    io:format("~p~n", [orddict:fold(fun(K, V, Acc) -> [{V, K} | Acc] end, [], D3)]),
    io:format("~p~n", [orddict:merge(fun(_, A, B) -> A + B end, D3, orddict:from_list([{a, 10}, {d, 4}]))]),
    io:format("~p~n", [[orddict:fetch_keys(D3), orddict:size(D3), orddict:to_list(D3)]]),
    S = ordsets:from_list([c, a, b, a]),
    io:format("~p~n", [[S, ordsets:add_element(d, S), ordsets:del_element(a, S), ordsets:is_element(b, S)]]),
    io:format("~p~n", [[ordsets:union(S, [x]), ordsets:intersection(S, [b, c, q]), ordsets:subtract(S, [a])]]).
