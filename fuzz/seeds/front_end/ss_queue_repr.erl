-module(ss_queue_repr).
-export([main/0]).

main() ->
    Ops = [{in, 1}, {in, 2}, {in, 3}, out, {in_r, 0}, out_r, {in, 4}, {in, 5}, out, out, {in, 6}, out_r, out, out, out, {in_r, 9}, {in_r, 8}, {in, 10}, out_r, out_r],
    lists:foldl(fun(Op, Q) ->
                        Q2 = case Op of
                                 {in, X} -> queue:in(X, Q);
                                 {in_r, X} -> queue:in_r(X, Q);
                                 out -> element(2, queue:out(Q));
                                 out_r -> element(2, queue:out_r(Q))
                             end,
                        io:format("~w -> ~w~n", [Op, Q2]),
                        Q2
                end, queue:new(), Ops),
    L = lists:seq(1, 10),
    Q = queue:from_list(L),
    io:format("~w~n", [Q]),
    io:format("~w~n", [queue:reverse(Q)]),
    io:format("~w~n", [queue:join(Q, queue:from_list([a, b]))]),
    io:format("~w~n", [queue:split(3, Q)]),
    io:format("~w~n", [queue:filter(fun(X) -> X rem 2 =:= 0 end, Q)]),
    io:format("~w~n", [queue:drop(Q)]),
    io:format("~w~n", [queue:drop_r(Q)]),
    io:format("~w~n", [queue:tail(Q)]),
    io:format("~w~n", [queue:init(Q)]),
    io:format("~w~n", [queue:cons(0, Q)]),
    io:format("~w~n", [queue:snoc(Q, 11)]),
    io:format("~w~n", [queue:delete(5, Q)]),
    io:format("~w~n", [queue:delete_r(5, Q)]),
    io:format("~w~n", [queue:filtermap(fun(X) -> X > 5 end, Q)]),
    io:format("~w~n", [queue:out(queue:from_list([1]))]),
    io:format("~w~n", [queue:out_r(queue:from_list([1, 2]))]),
    io:format("~w~n", [queue:split(0, Q)]),
    io:format("~w~n", [queue:split(10, Q)]),
    io:format("~w~n", [queue:from_list([])]),
    io:format("~w~n", [queue:in(1, queue:in(2, queue:new()))]),
    io:format("~w~n", [queue:delete_with(fun(X) -> X > 3 end, Q)]),
    io:format("~w~n", [queue:delete_with_r(fun(X) -> X > 3 end, Q)]),
    ok.
