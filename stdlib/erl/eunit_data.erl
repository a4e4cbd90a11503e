%% eunit_data: EUnit's test representations (OTP 25's eunit_data, eunit_test and the parts of
%% eunit_lib they use). A test set (a module, a list, a fun, {M, F}, {generator, F},
%% {"desc", T}, {setup, ...}, {foreach, ...}, {foreachx, ...}, {timeout, T, Tests},
%% {inorder, T}, {inparallel, T}, {spawn, T}, {with, X, [F]}, {module, M},
%% {application, A, Info}) is walked lazily by an iterator that yields
%% {test, Fun, Desc, Timeout, Location, Line} and {group, ...} items (see the records), as OTP
%% walks it, so generators run only when the runner reaches them. Files, directories,
%% applications by name and {node, ...} are not supported (bad test descriptor).
-module(eunit_data).

-export([iter_init/3, iter_next/1, iter_id/1, enter_context/3, run_testfun/1,
         is_not_test/1, prune_trace/1]).

%% A test: F is a fun of arity 0; Location is {M, F, A} or undefined; Line is 0 when unknown;
%% Timeout in milliseconds or undefined (EUnit's 5 s default).
-record(test, {f, desc, timeout, location, line = 0}).
%% A group of tests: Order is inorder | {inparallel, N} | undefined; Context is a #context{}
%% when the group is a setup fixture; Spawn is local when the tests run in a new process.
-record(group, {desc, options, order, timeout, context, spawn, tests}).
-record(context, {setup, cleanup, process = local}).

-record(iter, {tests = [], options, pos = 0, parent = []}).

%% An iterator over the items of Tests, whose ids extend ParentId (a list of positions).
iter_init(Tests, ParentId, Options) ->
    #iter{tests = Tests, parent = lists:reverse(ParentId), options = Options}.

%% The id of the item the iterator last returned.
iter_id(#iter{pos = N, parent = Ns}) ->
    lists:reverse(Ns, [N]).

%% {Item, Iter} or none; throws a reason term (e.g. {bad_test, T}) for a bad descriptor.
iter_next(#iter{tests = Tests, options = Options, pos = Pos} = I) ->
    case next(Tests, Options) of
        {T, Rest} -> {T, I#iter{tests = Rest, pos = Pos + 1}};
        none -> none
    end.

next(Tests, Options) ->
    case dlist_next(Tests) of
        [T | Ts] ->
            case parse(T, Options) of
                {data, T1} -> next([T1 | Ts], Options);
                T1 -> {T1, Ts}
            end;
        [] -> none
    end.

%% The first element of a deep list of tests, with the rest after it; a nonempty string is one
%% element (a description), not a list.
dlist_next([X | Xs] = All) when is_list(X) ->
    case is_nonempty_string(X) of
        true -> All;
        false -> dlist_next(X, Xs)
    end;
dlist_next([_ | _] = Xs) ->
    case is_nonempty_string(Xs) of
        true -> [Xs];
        false -> Xs
    end;
dlist_next([]) -> [];
dlist_next(X) -> [X].

dlist_next([X], Ys) when is_list(X) ->
    case is_nonempty_string(X) of
        true -> [X | Ys];
        false -> dlist_next(X, Ys)
    end;
dlist_next([X], Ys) -> [X | Ys];
dlist_next([X | Xs], Ys) when is_list(X) ->
    case is_nonempty_string(X) of
        true -> [X, Xs | Ys];
        false -> dlist_next(X, [Xs | Ys])
    end;
dlist_next([X | Xs], Ys) -> [X, Xs | Ys];
dlist_next([], Xs) -> dlist_next(Xs).

is_string([C | Cs]) when is_integer(C), C >= 0, C =< 16#10FFFF -> is_string(Cs);
is_string([]) -> true;
is_string(_) -> false.

is_nonempty_string([]) -> false;
is_nonempty_string(Cs) -> is_string(Cs).

%% Terms a generator or instantiator may not return (EUnit's eunit_lib:is_not_test/1).
is_not_test(T) ->
    case T of
        ok -> true;
        error -> true;
        true -> true;
        false -> true;
        undefined -> true;
        {ok, _} -> true;
        {error, _} -> true;
        {'EXIT', _} -> true;
        N when is_number(N) -> true;
        [N | _] when is_number(N) -> true;
        X when is_binary(X) -> true;
        X when is_pid(X) -> true;
        X when is_port(X) -> true;
        X when is_reference(X) -> true;
        _ -> false
    end.

%% One descriptor: {data, MoreTests} to continue with, or a #test{} or #group{}.
parse({foreach, S, Fs}, O) when is_function(S), is_list(Fs) ->
    parse({foreach, S, fun ok/1, Fs}, O);
parse({foreach, S, C, Fs}, O) when is_function(S), is_function(C), is_list(Fs) ->
    parse({foreach, spawn, S, C, Fs}, O);
parse({foreach, P, S, Fs}, O) when is_function(S), is_list(Fs) ->
    parse({foreach, P, S, fun ok/1, Fs}, O);
parse({foreach, P, S, C, Fs} = T, _O) when is_function(S), is_function(C), is_list(Fs) ->
    check_arity(S, 0, T),
    check_arity(C, 1, T),
    case Fs of
        [F | Fs1] -> {data, [{setup, P, S, C, F}, {foreach, P, S, C, Fs1}]};
        [] -> {data, []}
    end;
parse({foreachx, S1, Ps}, O) when is_function(S1), is_list(Ps) ->
    parse({foreachx, S1, fun ok/2, Ps}, O);
parse({foreachx, S1, C1, Ps}, O) when is_function(S1), is_function(C1), is_list(Ps) ->
    parse({foreachx, spawn, S1, C1, Ps}, O);
parse({foreachx, P, S1, Ps}, O) when is_function(S1), is_list(Ps) ->
    parse({foreachx, P, S1, fun ok/2, Ps}, O);
parse({foreachx, P, S1, C1, Ps} = T, _O)
  when is_function(S1), is_function(C1), is_list(Ps) ->
    check_arity(S1, 1, T),
    check_arity(C1, 2, T),
    case Ps of
        [{X, F1} | Ps1] when is_function(F1) ->
            check_arity(F1, 2, T),
            S = fun() -> S1(X) end,
            C = fun(R) -> C1(X, R) end,
            F = fun(R) -> F1(X, R) end,
            {data, [{setup, P, S, C, F}, {foreachx, P, S1, C1, Ps1}]};
        [_ | _] -> bad_test(T);
        [] -> {data, []}
    end;
parse({generator, F}, O) when is_function(F) ->
    parse({generator, F, fun_mfa(F)}, O);
parse({generator, F, {M, N, A}} = T, _O)
  when is_function(F), is_atom(M), is_atom(N), is_integer(A) ->
    check_arity(F, 0, T),
    case run_testfun(F) of
        {ok, T1} ->
            case is_not_test(T1) of
                true -> throw({bad_generator, {{M, N, A}, T1}});
                false -> {data, T1}
            end;
        {error, {Class, Reason, Trace}} ->
            throw({generator_failed, {{M, N, A}, {Class, Reason, Trace}}})
    end;
parse({generator, M, F}, O) when is_atom(M), is_atom(F) ->
    parse({generator, mf_wrapper(M, F), {M, F, 0}}, O);
parse({inorder, T}, O) ->
    group(#group{tests = T, options = O, order = inorder});
parse({inparallel, T}, O) ->
    parse({inparallel, 0, T}, O);
parse({inparallel, N, T}, O) when is_integer(N), N >= 0 ->
    group(#group{tests = T, options = O, order = {inparallel, N}});
parse({timeout, N, T}, O) when is_number(N), N >= 0 ->
    group(#group{tests = T, options = O, timeout = round(N * 1000)});
parse({spawn, T}, O) ->
    group(#group{tests = T, options = O, spawn = local});
parse({setup, S, I}, O) when is_function(S); is_list(S) ->
    parse({setup, spawn, S, I}, O);
parse({setup, S, C, I}, O) when is_function(S), is_function(C) ->
    parse({setup, spawn, S, C, I}, O);
parse({setup, P, S, I}, O) when is_function(S) ->
    parse({setup, P, S, fun ok/1, I}, O);
parse({setup, P, L, I} = T, O) when is_list(L) ->
    check_setup_list(L, T),
    {S, C} = multi_setup(L),
    parse({setup, P, S, C, I}, O);
parse({setup, P, S, C, I} = T, O) when is_function(S), is_function(C), is_function(I) ->
    check_arity(S, 0, T),
    check_arity(C, 1, T),
    case erlang:fun_info(I, arity) of
        {arity, 0} ->
            %% An instantiator of arity 0 is a test set, not an instantiator.
            parse({setup, S, C, fun(_) -> I end}, O);
        _ ->
            check_arity(I, 1, T),
            case P of
                local -> ok;
                spawn -> ok;
                _ -> bad_test(T)
            end,
            group(#group{tests = I, options = O,
                         context = #context{setup = S, cleanup = C, process = P}})
    end;
parse({setup, P, S, C, {with, As}}, O) when is_list(As) ->
    parse({setup, P, S, C, fun(X) -> {with, X, As} end}, O);
parse({setup, P, S, C, T}, O) when is_function(S), is_function(C) ->
    parse({setup, P, S, C, fun(_) -> T end}, O);
parse({module, M}, O) when is_atom(M) ->
    {data, {"module '" ++ atom_to_list(M) ++ "'", module_tests(M, O)}};
parse({application, A, Info} = T, _O) when is_atom(A) ->
    case proplists:get_value(modules, Info) of
        Ms when is_list(Ms) ->
            case lists:all(fun erlang:is_atom/1, Ms) of
                true -> {data, {"application '" ++ atom_to_list(A) ++ "'", Ms}};
                false -> bad_test(T)
            end;
        _ -> bad_test(T)
    end;
parse({with, X, As} = T, _O) when is_list(As) ->
    case As of
        [A | As1] ->
            check_arity(A, 1, T),
            {data, [{fun_mfa(A), fun() -> A(X) end}, {with, X, As1}]};
        [] -> {data, []}
    end;
parse({S, T1} = T, O) when is_list(S) ->
    case is_string(S) of
        true ->
            group(#group{tests = T1, options = O, desc = unicode:characters_to_binary(S)});
        false -> bad_test(T)
    end;
parse({S, T1}, O) when is_binary(S) ->
    group(#group{tests = T1, options = O, desc = S});
parse(T, O) when is_tuple(T), tuple_size(T) > 2, is_list(element(1, T)) ->
    [S | Es] = tuple_to_list(T),
    parse({S, list_to_tuple(Es)}, O);
parse(T, O) when is_tuple(T), tuple_size(T) > 2, is_binary(element(1, T)) ->
    [S | Es] = tuple_to_list(T),
    parse({S, list_to_tuple(Es)}, O);
parse(M, O) when is_atom(M) ->
    parse({module, M}, O);
parse(T, _O) ->
    parse_simple(T).

parse_simple({L, F}) when is_integer(L), L >= 0 ->
    (parse_simple(F))#test{line = L};
parse_simple({{M, N, A} = Loc, F}) when is_atom(M), is_atom(N), is_integer(A) ->
    (parse_simple(F))#test{location = Loc};
parse_simple(F) ->
    parse_function(F).

parse_function(F) when is_function(F) ->
    check_arity(F, 0, F),
    #test{f = F, location = fun_mfa(F)};
parse_function({test, M, F}) when is_atom(M), is_atom(F) ->
    #test{f = mf_wrapper(M, F), location = {M, F, 0}};
parse_function({M, F}) when is_atom(M), is_atom(F) ->
    parse_function({test, M, F});
parse_function(F) ->
    bad_test(F).

fun_mfa(F) ->
    {module, M} = erlang:fun_info(F, module),
    {name, N} = erlang:fun_info(F, name),
    {arity, A} = erlang:fun_info(F, arity),
    {M, N, A}.

check_arity(F, N, _) when is_function(F, N) -> ok;
check_arity(_, _, T) -> bad_test(T).

check_setup_list([{Tag, S, C} | Es], T) when is_atom(Tag), is_function(S), is_function(C) ->
    check_arity(S, 0, T),
    check_arity(C, 1, T),
    check_setup_list(Es, T);
check_setup_list([{Tag, S} | Es], T) when is_atom(Tag), is_function(S) ->
    check_arity(S, 0, T),
    check_setup_list(Es, T);
check_setup_list([], _T) -> ok;
check_setup_list(_, T) -> bad_test(T).

bad_test(T) -> throw({bad_test, T}).

ok(_) -> ok.
ok(_, _) -> ok.

%% A group with a single member merges into it where their properties do not clash, as
%% EUnit does ({timeout, T, Test} becomes Test with timeout T; {"desc", Test} a described test).
group(#group{context = #context{}} = G) -> G;
group(#group{tests = T0, desc = Desc, options = O, order = Order, context = Context,
             spawn = Spawn, timeout = Timeout} = G) ->
    {T1, Ts} = lookahead(T0, O),
    {T2, _} = lookahead(Ts, O),
    case T1 of
        #test{desc = Desc1, timeout = Timeout1}
          when T2 =:= none, Spawn =:= undefined, Context =:= undefined,
               (Desc =:= undefined) or (Desc1 =:= undefined),
               (Timeout =:= undefined) or (Timeout1 =:= undefined) ->
            T1#test{desc = join(Desc, Desc1), timeout = join(Timeout, Timeout1)};
        #test{timeout = undefined} when T2 =:= none, Timeout =/= undefined,
                                         Context =:= undefined ->
            G#group{tests = {timeout, Timeout div 1000, T0}, timeout = undefined};
        #group{desc = Desc1, order = Order1, context = Context1, spawn = Spawn1,
               timeout = Timeout1}
          when T2 =:= none,
               (Desc =:= undefined) or (Desc1 =:= undefined),
               (Order =:= undefined) or (Order1 =:= undefined),
               (Context =:= undefined) or (Context1 =:= undefined),
               (Spawn =:= undefined) or (Spawn1 =:= undefined),
               (Timeout =:= undefined) or (Timeout1 =:= undefined) ->
            group(T1#group{desc = join(Desc, Desc1), order = join(Order, Order1),
                           context = join(Context, Context1), spawn = join(Spawn, Spawn1),
                           timeout = join(Timeout, Timeout1)});
        #group{order = Order1, timeout = Timeout1} when T2 =:= none ->
            push_order(Order, Order1, push_timeout(Timeout, Timeout1, G));
        _ ->
            G
    end.

lookahead(T, O) ->
    case next(T, O) of
        {T1, Ts} -> {T1, Ts};
        none -> {none, []}
    end.

join(undefined, X) -> X;
join(X, undefined) -> X.

push_timeout(Timeout, undefined, #group{context = undefined} = G) when Timeout =/= undefined ->
    G#group{tests = {timeout, Timeout div 1000, G#group.tests}, timeout = undefined};
push_timeout(_, _, G) -> G.

push_order(inorder, undefined, G) ->
    G#group{tests = {inorder, G#group.tests}, order = undefined};
push_order({inparallel, N}, undefined, G) ->
    G#group{tests = {inparallel, N, G#group.tests}, order = undefined};
push_order(_, _, G) -> G.

%% A module's tests: its exported Name_test/0 and Name_test_/0 in export order, then those of
%% Module_tests (as a group "module 'Module_tests'") when that module exists.
module_tests(M, O) ->
    try M:module_info(exports) of
        Exports ->
            Tests = module_testfuns(M, Exports, O),
            case lists:member({eunit_wrapper_, 1}, Exports) of
                false -> Tests;
                true -> {generator, fun() -> M:eunit_wrapper_(Tests) end}
            end
    catch
        error:undef -> throw({module_not_found, M})
    end.

module_testfuns(M, Exports, O) ->
    Tests = lists:foldr(fun({F, 0}, Acc) ->
                                Name = atom_to_list(F),
                                case lists:suffix("_test", Name) of
                                    true -> [{test, M, F} | Acc];
                                    false ->
                                        case lists:suffix("_test_", Name) of
                                            true -> [{generator, M, F} | Acc];
                                            false -> Acc
                                        end
                                end;
                           (_, Acc) -> Acc
                        end, [], Exports),
    Name = atom_to_list(M),
    case lists:suffix("_tests", Name) orelse proplists:get_bool(exact_execution, O) of
        true -> Tests;
        false ->
            Other = list_to_atom(Name ++ "_tests"),
            try module_tests(Other, O) of
                More -> Tests ++ [{"module '" ++ Name ++ "_tests'", More}]
            catch
                {module_not_found, Other} -> Tests
            end
    end.

%% A fun running M:F(); a missing module or function is reported as a skipped test.
mf_wrapper(M, F) ->
    fun() ->
            try M:F()
            catch
                error:undef:Trace ->
                    case erlang:module_loaded(M) of
                        false -> throw({eunit_internal, {module_not_found, M}});
                        true ->
                            case erlang:function_exported(M, F, 0) of
                                false ->
                                    throw({eunit_internal, {no_such_function, {M, F, 0}}});
                                true -> erlang:raise(error, undef, Trace)
                            end
                    end
            end
    end.

%% {ok, Value} or {error, {Class, Reason, Stacktrace}} (EUnit's own frames cut off); a
%% wrapper's {eunit_internal, Why} is thrown on as Why.
run_testfun(F) ->
    try F() of
        Value -> {ok, Value}
    catch
        throw:{eunit_internal, Term} -> throw(Term);
        Class:Reason:Trace -> {error, {Class, Reason, prune_trace(Trace)}}
    end.

%% A stack trace up to the first frame of EUnit's own modules, without repeated frames.
prune_trace([{M, _, _, _} = Frame | Rest]) ->
    case lists:member(M, [eunit_data, eunit_proc, eunit, eunit_serial, eunit_tty]) of
        true -> [];
        false -> uniq([Frame | prune_trace(Rest)])
    end;
prune_trace([Frame | Rest]) -> [Frame | prune_trace(Rest)];
prune_trace([]) -> [].

uniq([X, X | Xs]) -> uniq([X | Xs]);
uniq(Xs) -> Xs.

%% Runs Setup, the instantiator on its result, then Callback(Tests) (Callback gets
%% {spawn, Tests} when the fixture runs its tests in a new process), then Cleanup. A failing
%% part throws {context_error, setup_failed | instantiation_failed | cleanup_failed |
%% {bad_instantiator, ...}, {Class, Term, Trace}}.
enter_context(#context{setup = S, cleanup = C, process = P}, I, F) ->
    Callback = case P of
                   local -> F;
                   spawn -> fun(T) -> F({spawn, T}) end
               end,
    try S() of
        R ->
            try I(R) of
                T ->
                    case is_not_test(T) of
                        true ->
                            {_, Here} = erlang:process_info(self(), current_stacktrace),
                            context_error({bad_instantiator, {fun_mfa(I), T}}, error, Here,
                                          badarg);
                        false -> ok
                    end,
                    try Callback(T)
                    after
                        try C(R)
                        catch
                            Class:Term:Trace ->
                                context_error(cleanup_failed, Class, Trace, Term)
                        end
                    end
            catch
                Class:Term:Trace -> context_error(instantiation_failed, Class, Trace, Term)
            end
    catch
        Class:Term:Trace -> context_error(setup_failed, Class, Trace, Term)
    end.

context_error(Type, Class, Trace, Term) ->
    throw({context_error, Type, {Class, Term, prune_trace(Trace)}}).

%% {Setup, Cleanup} for a list of {Tag, Setup[, Cleanup]}: setups run in order, cleanups in
%% reverse; a failure throws {Tag, {Class, Term, Trace}} after cleaning up what was set up.
multi_setup(List) ->
    {SetupAll, CleanupAll} = multi_setup(List, fun ok/1),
    {fun() -> lists:reverse(SetupAll([])) end,
     fun(Rs) -> CleanupAll(lists:reverse(Rs)) end}.

multi_setup([{Tag, S, C} | Es], CleanupPrev) ->
    Cleanup = fun([R | Rs]) ->
                      try C(R) of
                          _ -> CleanupPrev(Rs)
                      catch
                          Class:Term:Trace -> throw({Tag, {Class, Term, Trace}})
                      end
              end,
    {SetupRest, CleanupAll} = multi_setup(Es, Cleanup),
    {fun(Rs) ->
             try S() of
                 R -> SetupRest([R | Rs])
             catch
                 Class:Term:Trace ->
                     CleanupPrev(Rs),
                     throw({Tag, {Class, Term, Trace}})
             end
     end,
     CleanupAll};
multi_setup([{Tag, S} | Es], CleanupPrev) ->
    multi_setup([{Tag, S, fun ok/1} | Es], CleanupPrev);
multi_setup([], CleanupAll) ->
    {fun(Rs) -> Rs end, CleanupAll}.
