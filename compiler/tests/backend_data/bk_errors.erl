-module(bk_errors).
-export([main/0]).

%% Exceptions: try/catch/after, catch values, error reasons raised by compiled code.

f(a) -> 1.

reason(F) ->
    try F() of
        V -> {ok, V}
    catch
        Class:Reason -> {Class, Reason}
    end.

id(X) -> X.

after_order() ->
    put(log, []),
    R = try
            put(log, [body | get(log)]),
            throw(oops)
        catch
            throw:T -> put(log, [{caught, T} | get(log)]), caught
        after
            put(log, [after_ran | get(log)])
        end,
    {R, get(log)}.

nested_after() ->
    try
        try error(inner)
        after put(inner_after, yes)
        end
    catch error:E -> {E, get(inner_after)}
    end.

try_of(X) ->
    try id(X) of
        1 -> one;
        2 -> two
    catch
        _:_ -> caught
    end.

main() ->
    Errs = [reason(fun() -> f(b) end),
            reason(fun() -> {a, _} = id({b, c}) end),
            reason(fun() -> case id(3) of 1 -> x end end),
            reason(fun() -> X = id(1), if X > 2 -> x end end),
            reason(fun() -> id(1) andalso true end),
            reason(fun() -> id(1) + a end),
            reason(fun() -> throw(t) end),
            reason(fun() -> exit(e) end),
            reason(fun() -> error({my, error}) end),
            reason(fun() -> try_of(3) end),
            reason(fun() -> element(5, {1}) end),
            reason(fun() -> 1 div id(0) end)],
    Catches = [catch throw(x), catch 1 + 1, element(1, catch error(e)), catch exit(bye)],
    {Errs, Catches, after_order(), nested_after(), try_of(1), try_of(2)}.
