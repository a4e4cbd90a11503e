-module(sl_error_lines).
-export([main/0]).

%% Prints, for each kind of runtime error, the class, the reason and the
%% {function, arity, line} of this module's frames in the stack trace.

main() ->
    Cases = [case_clause, if_clause, try_clause, badmatch, function_clause, badarith,
             badarg_bif, badfun, undef, throw_deep, error_in_guard_fallback, badkey,
             catch_rethrow, lc_fail, after_fail, receive_fail],
    lists:foreach(fun(C) -> io:format("~p: ~p~n", [C, run(C)]) end, Cases),
    ok.

run(C) ->
    try
        do(C)
    catch
        Class:Reason:St -> {Class, Reason, mine(St)}
    end.

mine(St) ->
    [{F, A, proplists:get_value(line, L)} || {M, F, A, L} <- St, M =:= ?MODULE,
                                            F =/= run, F =/= main].

id(X) -> X.

do(case_clause) ->
    case id(5) of
        4 -> four;
        3 ->
            three
    end;
do(if_clause) ->
    X = id(3),
    if
        X > 5 -> big;
        X < 0 ->
            neg
    end;
do(try_clause) ->
    try id(5) of
        4 -> four
    catch
        _:_ -> no
    end;
do(badmatch) ->
    {a, _} =
        id({b, c});
do(function_clause) ->
    one_two(
      id(3));
do(badarith) ->
    1 +
        id(a);
do(badarg_bif) ->
    V = id(a),
    element(1,
            V);
do(badfun) ->
    F = id(nf),
    F(1);
do(undef) ->
    M = id(nomod_sl),
    M:f(1, 2);
do(throw_deep) ->
    deep(3);
do(error_in_guard_fallback) ->
    guarded(id(a));
do(badkey) ->
    M = id(#{}),
    M#{k := 1};
do(catch_rethrow) ->
    try
        error(first)
    catch
        error:first ->
            error(second)
    end;
do(lc_fail) ->
    [10 div X || X <- id([1, 0])];
do(after_fail) ->
    try
        id(ok)
    after
        error(in_after)
    end;
do(receive_fail) ->
    receive
        never -> ok
    after 0 ->
        exit(timeout_exit)
    end.

one_two(1) -> one;
one_two(2) -> two.

deep(0) -> maybe_throw(id(0));
deep(N) ->
    [deep(N - 1)].

maybe_throw(0) -> throw(bottom);
maybe_throw(_) -> ok.

guarded(X) when X + 1 > 0 -> positive;
guarded(X) when is_integer(X) ->
    int.
