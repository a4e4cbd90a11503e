-module(misc_queue).
-export([main/0]).

drain(Q) ->
    case queue:out(Q) of
        {{value, V}, Q2} -> [V | drain(Q2)];
        {empty, _} -> []
    end.

main() ->
    Q0 = queue:new(),
    Q1 = lists:foldl(fun queue:in/2, Q0, [1, 2, 3, 4]),
    io:format("~p~n", [[queue:len(Q1), queue:is_empty(Q1), queue:is_empty(Q0), queue:to_list(Q1)]]),
    Q2 = queue:in_r(0, Q1),
    io:format("~p~n", [queue:to_list(Q2)]),
    io:format("~p~n", [drain(Q2)]),
    io:format("~p~n", [[queue:peek(Q1), queue:peek_r(Q1), queue:peek(Q0)]]),
    {{value, Last}, _} = queue:out_r(Q1),
    io:format("~p~n", [Last]),
    io:format("~p~n", [queue:to_list(queue:reverse(Q1))]),
    io:format("~p~n", [queue:to_list(queue:join(Q1, queue:from_list([a, b])))]),
    io:format("~p~n", [queue:to_list(queue:filter(fun(X) -> X rem 2 =:= 0 end, Q1))]),
    io:format("~p~n", [queue:member(3, Q1)]).
