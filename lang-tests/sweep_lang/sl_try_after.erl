-module(sl_try_after).
-export([main/0]).

main() ->
    io:format("1 ~p~n", [t1()]),
    io:format("2 ~p~n", [t2()]),
    io:format("3 ~p~n", [t3()]),
    io:format("4 ~p~n", [t4()]),
    io:format("5 ~p~n", [t5()]),
    io:format("6 ~p~n", [t6()]),
    io:format("7 ~p~n", [t7()]),
    io:format("8 ~p~n", [t8(5)]),
    io:format("9 ~p~n", [[t9(X) || X <- [ok, throw, error, exit]]]),
    io:format("10 ~p~n", [t10()]),
    io:format("11 ~p~n", [t11()]),
    io:format("12 ~p~n", [t12()]),
    io:format("13 ~p~n", [t13()]),
    io:format("14 ~p~n", [t14()]),
    ok.

log(X) -> put(log, [X | get_log()]).
get_log() -> case get(log) of undefined -> []; L -> L end.
take_log() -> L = lists:reverse(get_log()), erase(log), L.

%% exception in after replaces the original exception
t1() ->
    R = try
            try
                throw(original)
            after
                log(after_runs),
                error(from_after)
            end
        catch
            C:E -> {C, E}
        end,
    {R, take_log()}.

%% after result is ignored; body value kept; variable bound in body visible after try
t2() ->
    X = try
            log(body),
            42
        after
            log('after')
        end,
    {X, take_log()}.

%% of-clause exception passes through after
t3() ->
    R = try
            try {ok, 1} of
                {ok, N} -> log({of_clause, N}), throw({from_of, N})
            catch
                throw:_ -> log(not_here), unreachable
            after
                log(after3)
            end
        catch
            throw:T -> {caught_outside, T}
        end,
    {R, take_log()}.

%% catch clause raising goes through after
t4() ->
    R = (catch try
                   error(e1)
               catch
                   error:e1 -> log(in_catch), exit(from_catch)
               after
                   log(after4)
               end),
    {R, take_log()}.

%% nested try in loop with after per iteration
t5() ->
    Res = [try
               case I rem 3 of
                   0 -> throw({skip, I});
                   1 -> I * 10;
                   2 -> error({bad, I})
               end
           catch
               throw:{skip, J} -> {skipped, J};
               error:{bad, J} -> {bad, J}
           after
               log(I)
           end || I <- lists:seq(1, 6)],
    {Res, take_log()}.

%% class wildcards and stacktrace binding
t6() ->
    Results = [begin
                   try F() of
                       V -> {value, V}
                   catch
                       Class:Reason:Stack -> {Class, Reason, is_list(Stack)}
                   end
               end || F <- [fun() -> throw(a) end, fun() -> error(b) end, fun() -> exit(c) end,
                            fun() -> d end]],
    Results.

%% catch with only Reason means throw
t7() ->
    try
        try exit(not_a_throw) catch Reason -> {wrongly_caught, Reason} end
    catch
        exit:R -> {exit_passed_through, R}
    end.

%% tail-recursive function with try in each level
t8(0) -> throw(bottom);
t8(N) ->
    try
        t8(N - 1)
    catch
        throw:bottom when N =:= 1 -> {caught_at, N};
        throw:bottom -> never
    after
        log({unwind, N})
    end.

t9(What) ->
    try
        case What of
            ok -> fine;
            throw -> throw(t);
            error -> error(e);
            exit -> exit(x)
        end
    of
        fine -> {returned, fine}
    catch
        throw:t -> caught_throw;
        error:E -> {caught_error, E};
        exit:X -> {caught_exit, X}
    after
        log(What)
    end.

%% erlang:raise with each class
t10() ->
    [try erlang:raise(C, {raised, C}, []) catch C2:R -> {C2, R} end || C <- [throw, error, exit]].

%% bad class to raise is badarg
t11() ->
    try erlang:raise(nope, reason, []) of
        V -> {returned, V}
    catch
        C:R -> {C, R}
    end.

%% catch expression inside try, after ordering with catch
t12() ->
    R = try
            A = (catch throw(inner)),
            B = (catch error(oops)),
            {A, element(1, B), element(1, element(2, B))}
        after
            log(t12_after)
        end,
    {R, take_log()}.

%% try/of with guards that fail -> try_clause
t13() ->
    try
        try 7 of
            X when X > 10 -> big
        catch
            _:_ -> no
        end
    catch
        error:{try_clause, V} -> {try_clause, V}
    end.

%% exit(normal) caught, exit with tuple caught
t14() ->
    [catch exit(normal), catch exit({a, b}), catch throw([]), (catch 5)].
