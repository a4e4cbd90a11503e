-module(ss_queue_ops).
-export([main/0]).

t(F) ->
    try F() of
        V -> V
    catch
        C:R -> {caught, C, R}
    end.

p(Label, F) -> io:format("~s: ~p~n", [Label, t(F)]).

main() ->
    Q0 = queue:new(),
    Q1 = lists:foldl(fun queue:in/2, Q0, [1, 2, 3, 4, 5]),
    p("to_list", fun() -> queue:to_list(Q1) end),
    p("len", fun() -> [queue:len(Q0), queue:len(Q1)] end),
    p("is_empty", fun() -> [queue:is_empty(Q0), queue:is_empty(Q1)] end),
    p("is_queue", fun() -> [queue:is_queue(Q1), queue:is_queue([]), queue:is_queue({[], []})] end),
    p("out", fun() -> {V, Q} = queue:out(Q1), {V, queue:to_list(Q)} end),
    p("out empty", fun() -> {V, Q} = queue:out(Q0), {V, queue:to_list(Q)} end),
    p("out_r", fun() -> {V, Q} = queue:out_r(Q1), {V, queue:to_list(Q)} end),
    p("in_r", fun() -> queue:to_list(queue:in_r(0, Q1)) end),
    p("get/get_r", fun() -> [queue:get(Q1), queue:get_r(Q1)] end),
    p("get empty", fun() -> queue:get(Q0) end),
    p("get_r empty", fun() -> queue:get_r(Q0) end),
    p("peek", fun() -> [queue:peek(Q1), queue:peek_r(Q1), queue:peek(Q0), queue:peek_r(Q0)] end),
    p("drop", fun() -> queue:to_list(queue:drop(Q1)) end),
    p("drop_r", fun() -> queue:to_list(queue:drop_r(Q1)) end),
    p("drop empty", fun() -> queue:drop(Q0) end),
    p("reverse", fun() -> queue:to_list(queue:reverse(Q1)) end),
    p("join", fun() -> queue:to_list(queue:join(Q1, queue:from_list([a, b]))) end),
    p("split", fun() -> {A, B} = queue:split(2, Q1), {queue:to_list(A), queue:to_list(B)} end),
    p("split 0", fun() -> {A, B} = queue:split(0, Q1), {queue:to_list(A), queue:to_list(B)} end),
    p("split all", fun() -> {A, B} = queue:split(5, Q1), {queue:to_list(A), queue:to_list(B)} end),
    p("split too many", fun() -> queue:split(6, Q1) end),
    p("filter", fun() -> queue:to_list(queue:filter(fun(X) -> X rem 2 =:= 1 end, Q1)) end),
    p("filter expand", fun() -> queue:to_list(queue:filter(fun(X) -> [X, X] end, Q1)) end),
    p("member", fun() -> [queue:member(3, Q1), queue:member(9, Q1)] end),
    p("from_list bad", fun() -> queue:from_list(notalist) end),
    p("to_list bad", fun() -> queue:to_list(notaqueue) end),
    p("in bad", fun() -> queue:in(x, notaqueue) end),
    p("head/tail", fun() -> [queue:head(Q1), queue:last(Q1), queue:to_list(queue:tail(Q1)),
                            queue:to_list(queue:init(Q1)), queue:daeh(Q1)] end),
    p("head empty", fun() -> queue:head(Q0) end),
    p("cons/snoc", fun() -> queue:to_list(queue:snoc(queue:cons(first, Q1), last)) end),
    p("all/any", fun() -> [queue:all(fun(X) -> X > 0 end, Q1), queue:any(fun(X) -> X > 4 end, Q1)] end),
    p("fold", fun() -> queue:fold(fun(X, Acc) -> [X | Acc] end, [], Q1) end),
    p("filtermap", fun() -> queue:to_list(queue:filtermap(fun(X) when X > 3 -> {true, X * 2};
                                                            (X) -> X =:= 1 end, Q1)) end),
    p("delete", fun() -> queue:to_list(queue:delete(3, Q1)) end),
    p("delete_r", fun() -> queue:to_list(queue:delete_r(3, queue:in(3, Q1))) end),
    p("delete_with", fun() -> queue:to_list(queue:delete_with(fun(X) -> X > 2 end, Q1)) end),
    %% simulate a round-robin scheduler
    Jobs = queue:from_list([{a, 3}, {b, 1}, {c, 2}]),
    p("round robin", fun() -> rr(Jobs, []) end),
    %% equality of queues built differently must hold for to_list
    Qa = queue:in(3, queue:in(2, queue:in(1, queue:new()))),
    Qb = queue:from_list([1, 2, 3]),
    p("equal contents", fun() -> queue:to_list(Qa) =:= queue:to_list(Qb) end),
    p("long ops", fun() ->
                          Q = lists:foldl(fun(I, Acc) ->
                                                  Acc1 = queue:in(I, Acc),
                                                  case I rem 3 of
                                                      0 -> {_, Acc2} = queue:out(Acc1), Acc2;
                                                      _ -> Acc1
                                                  end
                                          end, queue:new(), lists:seq(1, 30)),
                          {queue:len(Q), queue:to_list(Q)}
                  end),
    ok.

rr(Q, Log) ->
    case queue:out(Q) of
        {empty, _} -> lists:reverse(Log);
        {{value, {Name, 1}}, Q1} -> rr(Q1, [{done, Name} | Log]);
        {{value, {Name, N}}, Q1} -> rr(queue:in({Name, N - 1}, Q1), [Name | Log])
    end.
