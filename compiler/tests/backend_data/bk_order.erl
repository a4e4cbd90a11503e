-module(bk_order).
-export([main/0]).

%% Evaluation order, map/record error reasons, after-clause corner cases.

-record(r, {a, b}).

log(X) -> put(log, [X | get(log)]), X.

two(A, B) -> {A, B}.

order() ->
    put(log, []),
    _ = {log(1), log(2)},
    _ = two(log(3), log(4)),
    _ = [log(5), log(6)],
    _ = log(7) + log(8),
    _ = #{log(9) => log(10)},
    _ = <<(log(11)), (log(12))>>,
    lists_reverse(get(log), []).

lists_reverse([], A) -> A;
lists_reverse([H | T], A) -> lists_reverse(T, [H | A]).

reason(F) ->
    try F() of
        V -> {ok, V}
    catch
        C:R -> {C, R}
    end.

id(X) -> X.

after_raises() ->
    try
        try ok
        after throw(from_after)
        end
    catch
        throw:T -> {caught, T}
    end.

after_value() ->
    try id(body) after id(ignored) end.

main() ->
    M = #{a => 1},
    Errs = [reason(fun() -> (id(M))#{b := 2} end),
            reason(fun() -> (id(not_a_map))#{a => 2} end),
            reason(fun() -> (id({x, 1, 2}))#r.a end),
            reason(fun() -> (id({x, 1, 2}))#r{a = 5} end),
            reason(fun() -> #{a := _} = id(#{}) end),
            reason(fun() -> [_ | _] = id([]) end),
            reason(fun() -> {_, _} = id({1, 2, 3}) end),
            reason(fun() -> <<_:8>> = id(<<1, 2>>) end),
            reason(fun() -> hd(id([])) end),
            reason(fun() -> F = id(fun(X) -> X end), try F(1, 2) catch error:{badarity, {_, A}} -> {badarity, A} end end),
            reason(fun() -> G = id(notfun), G(1) end),
            reason(fun() -> undefined_module_xyz:f() end),
            reason(fun() -> X = id(1), X = id(2) end)],
    {order(), Errs, after_raises(), after_value()}.
