-module(sl_try).
-export([main/0]).

main() ->
    Actions = [ok, {throw, t1}, {error, e1}, {exit, x1}, badarith, badmatch, {nested, 1},
               {nested, 2}, {nested, 3}, try_clause, function_clause, undef, if_clause,
               case_clause, badarg, badfun, badarity, badkey, {badmap, 1}, rethrow, caught_in_after],
    lists:foreach(fun(A) -> io:format("~p -> ~p~n", [A, run(A)]) end, Actions),
    io:format("order ~p~n", [order()]),
    io:format("catch values ~p~n", [catch_values()]),
    io:format("after value ~p~n", [after_value()]),
    io:format("of clause ~p~n", [[try of_clause(X) catch error:E -> E end || X <- [1, 2, three]]]),
    io:format("nested after ~p~n", [nested_after()]),
    io:format("stack is list ~p~n", [stack_shape()]),
    io:format("raise ~p~n", [raise_test()]),
    io:format("deep throw ~p~n", [catch deep(10)]),
    io:format("try in guard-like ~p~n", [[safe_div(A, B) || {A, B} <- [{1, 2}, {1, 0}, {a, 1}]]]),
    io:format("catch precedence ~p~n", [catch_prec()]),
    ok.

run(Action) ->
    try do(Action) of
        Val -> {value, Val}
    catch
        throw:T -> {caught_throw, T};
        error:{badmatch, V} -> {badmatch_caught, V};
        error:{badarity, {F, Args}}:S when is_function(F) -> {error, badarity, Args, is_list(S)};
        error:R:S -> {error, R, is_list(S)};
        exit:R -> {exit, R}
    after
        put(last, Action)
    end.

do(ok) -> fine;
do({throw, X}) -> throw(X);
do({error, X}) -> error(X);
do({exit, X}) -> exit(X);
do(badarith) -> 1 / zero();
do(badmatch) -> {a, _} = id({b, c});
do({nested, N}) ->
    try
        inner(N)
    catch
        throw:inner_throw -> inner_caught
    end;
do(try_clause) ->
    try id(5) of
        4 -> four
    catch
        _:_ -> no
    end;
do(function_clause) -> only_ok(nope);
do(undef) -> (id(no_such_mod)):f(1);
do(if_clause) ->
    X = id(3),
    if X > 5 -> big; X < 0 -> neg end;
do(case_clause) ->
    case id({x, 1}) of
        {y, _} -> y
    end;
do(badarg) -> atom_to_list(id(42));
do(badfun) -> (id(not_a_fun))(1);
do(badarity) -> (id(fun(A, B) -> A + B end))(1);
do(badkey) -> maps:get(missing, #{a => 1});
do({badmap, V}) -> (id(V))#{a => 1};
do(rethrow) ->
    try
        throw(first)
    catch
        throw:first -> erlang:error({rethrown, first})
    end;
do(caught_in_after) ->
    try
        throw(from_body)
    after
        catch throw(from_after)
    end.

inner(1) -> throw(inner_throw);
inner(2) -> throw(other_throw);
inner(3) -> error(inner_error).

only_ok(ok) -> ok.

zero() -> 0.
id(X) -> X.

order() ->
    put(log, []),
    Log = fun(E) -> put(log, [E | get(log)]) end,
    R = try
            try
                Log(body1),
                throw(boom)
            after
                Log(after1)
            end
        catch
            throw:boom ->
                Log(catch_outer),
                caught
        after
            Log(after2)
        end,
    Log({result, R}),
    lists:reverse(get(log)).

catch_values() ->
    [catch 1 + 1,
     catch throw(thrown),
     catch exit(exited),
     element(1, catch error(errored)),
     catch {ok, nothing},
     case catch 1 / 0 of
         {'EXIT', {badarith, _}} -> badarith_exit;
         Other -> Other
     end,
     catch erlang:raise(throw, raised_throw, []),
     element(1, element(2, catch erlang:raise(error, raised_error, [])))].

after_value() ->
    try
        body_value
    after
        after_value_ignored
    end.

of_clause(X) ->
    try id(X) of
        1 -> one;
        N when is_integer(N) -> {int, N}
    catch
        error:_ -> never
    end.

nested_after() ->
    put(acc, []),
    Push = fun(X) -> put(acc, [X | get(acc)]) end,
    catch try
        try
            Push(a),
            error(inner)
        catch
            error:inner ->
                Push(b),
                exit(from_catch)
        after
            Push(c)
        end
    after
        Push(d)
    end,
    lists:reverse(get(acc)).

stack_shape() ->
    try
        error(shape)
    catch
        error:shape:St -> {is_list(St), length(St) > 0}
    end.

raise_test() ->
    try
        try
            error(original)
        catch
            Class:Reason:Stack -> erlang:raise(Class, {wrapped, Reason}, Stack)
        end
    catch
        C:R -> {C, R}
    end.

deep(0) -> throw(bottom);
deep(N) -> [N | deep(N - 1)].

safe_div(A, B) ->
    try A / B of
        V -> {ok, V}
    catch
        error:badarith -> {error, badarith}
    end.

catch_prec() ->
    X = (catch 1 + 2),
    Y = [catch throw(a), catch b],
    {X, Y}.
