%% eunit_tty: EUnit's text report (OTP 25's eunit_listener with its eunit_tty callback, in one
%% process). It reads the serializer's messages in id order, counts passed, failed, skipped
%% and cancelled tests, and prints what EUnit prints: with `verbose` a header, each group's
%% description, each test's "Source:Line: Name (Desc)...ok", group times; always the report of
%% a failed, skipped or cancelled test or group and the summary. Options: verbose, no_tty,
%% print_depth (default 20, the depth of ~P for terms in reports).
-module(eunit_tty).

-export([start/1]).

-record(st, {verbose = false, indent = 0, depth = 20,
             pass = 0, fail = 0, skip = 0, cancel = 0}).

%% The listener's pid. It waits for {start, Ref}, then for the run's messages; when the run is
%% over it prints the summary, waits for {stop, Ref, From} and sends From {result, Ref, ok | error}.
start(Options) ->
    spawn(fun() -> init(Options) end).

init(Options) ->
    put(no_tty, proplists:get_bool(no_tty, Options)),
    St0 = #st{verbose = proplists:get_bool(verbose, Options),
              depth = proplists:get_value(print_depth, Options, 20)},
    receive {start, _Ref} -> ok end,
    case St0#st.verbose of
        true -> fwrite("======================== EUnit ========================\n");
        false -> ok
    end,
    St = expect([], undefined, St0),
    summary(St).

summary(#st{pass = Pass, fail = 0, skip = 0, cancel = 0} = St) ->
    case Pass of
        0 -> fwrite("  There were no tests to run.\n");
        _ ->
            case St#st.verbose of
                true -> bar();
                false -> ok
            end,
            case Pass of
                1 -> fwrite("  Test passed.\n");
                2 -> fwrite("  2 tests passed.\n");
                _ -> fwrite("  All ~w tests passed.\n", [Pass])
            end
    end,
    sync_end(ok);
summary(#st{pass = Pass, fail = Fail, skip = Skip, cancel = Cancel}) ->
    bar(),
    fwrite("  Failed: ~w.  Skipped: ~w.  Passed: ~w.\n", [Fail, Skip, Pass]),
    case Cancel of
        0 -> ok;
        _ -> fwrite("One or more tests were cancelled.\n")
    end,
    sync_end(error).

sync_end(Result) ->
    receive
        {stop, Ref, From} -> From ! {result, Ref, Result}
    end.

bar() ->
    fwrite("=======================================================\n").

%% Waits for Id (a test or a group); {done, Data, St} when the parent group ended instead.
expect(Id, ParentId, St) ->
    case wait_for(Id, 'begin', ParentId) of
        {done, Data} -> {done, Data, St};
        {ok, {group, Data}} ->
            group_loop(0, Id, Data, begin_group([{id, Id} | Data], St));
        {ok, {test, Data0}} ->
            Data = [{id, Id} | Data0],
            St1 = begin_test(Data, St),
            case wait_for(Id, 'end', ParentId) of
                {cancel, Reason} -> cancel_test([{reason, Reason} | Data], St1);
                {ok, {Status, Data1}} -> end_test(Status, [{status, Status} | Data ++ Data1], St1)
            end
    end.

group_loop(N, Id, Data, St) ->
    N1 = N + 1,
    case expect(Id ++ [N1], Id, St) of
        {done, {cancel, Reason}, St1} ->
            cancel_group([{id, Id}, {reason, Reason} | Data], St1#st{cancel = St1#st.cancel + 1});
        {done, {Count, Data1}, St1} ->
            end_group([{id, Id}, {size, Count} | Data ++ Data1], St1);
        St1 ->
            group_loop(N1, Id, Data, St1)
    end.

wait_for(Id, Type, ParentId) ->
    receive
        {status, Id, {progress, Type, Data}} -> {ok, Data};
        {status, ParentId, {progress, 'end', Data}} when Type =:= 'begin' -> {done, Data};
        {status, Id, {cancel, Reason}} when Type =:= 'end' -> {cancel, Reason};
        {status, ParentId, {cancel, Reason}} -> {done, {cancel, Reason}}
    end.

described(Desc) -> Desc =/= "" andalso Desc =/= undefined.

begin_group(Data, St) ->
    Desc = proplists:get_value(desc, Data),
    case described(Desc) andalso St#st.verbose of
        true ->
            group_start(St#st.indent, Desc),
            St#st{indent = St#st.indent + 1};
        false -> St
    end.

end_group(Data, St) ->
    Desc = proplists:get_value(desc, Data),
    case described(Desc) andalso St#st.verbose of
        true ->
            Time = proplists:get_value(time, Data),
            I = St#st.indent,
            case Time > 0 of
                true ->
                    indent(I),
                    fwrite("[done in ~.3f s]\n", [Time / 1000]);
                false -> ok
            end,
            St#st{indent = I - 1};
        false -> St
    end.

%% A group that did not finish. Its indent is taken back even when it was never given (a
%% group without description): EUnit does that too, and its later lines move left.
cancel_group(Data, St) ->
    I = St#st.indent,
    case proplists:get_value(reason, Data) of
        undefined -> ok;
        Reason ->
            Desc = proplists:get_value(desc, Data),
            case described(Desc) andalso St#st.verbose of
                true -> ok;
                false -> group_start(I, Desc)
            end,
            group_cancel(I, Reason, St)
    end,
    St#st{indent = I - 1}.

begin_test(Data, St) ->
    case St#st.verbose of
        true -> test_start(St#st.indent, Data);
        false -> ok
    end,
    St.

end_test(ok, Data, St) ->
    case St#st.verbose of
        true ->
            Time = proplists:get_value(time, Data, 0),
            case Time > 0 of
                true -> fwrite("[~.3f s] ok\n", [Time / 1000]);
                false -> fwrite("ok\n")
            end;
        false -> ok
    end,
    St#st{pass = St#st.pass + 1};
end_test(Status, Data, St) ->
    case St#st.verbose of
        true -> ok;
        false -> test_start(St#st.indent, Data)
    end,
    test_error(Status, Data, St),
    case Status of
        {skipped, _} -> St#st{skip = St#st.skip + 1};
        _ -> St#st{fail = St#st.fail + 1}
    end.

cancel_test(Data, St) ->
    case St#st.verbose of
        true -> ok;
        false -> test_start(St#st.indent, Data)
    end,
    fwrite(format_cancel(proplists:get_value(reason, Data), St#st.depth)),
    St#st{cancel = St#st.cancel + 1}.

indent(N) when is_integer(N), N >= 1 -> fwrite(lists:duplicate(N * 2, $\s));
indent(_) -> ok.

group_start(I, Desc) ->
    indent(I),
    fwrite("~ts\n", [Desc]).

test_start(I, Data) ->
    Desc = proplists:get_value(desc, Data),
    Line = proplists:get_value(line, Data, 0),
    indent(I),
    L = case Line of
            0 -> "";
            _ -> io_lib:fwrite("~w:", [Line])
        end,
    D = case described(Desc) of
            true -> io_lib:fwrite(" (~ts)", [Desc]);
            false -> ""
        end,
    case proplists:get_value(source, Data) of
        {Module, Name, _Arity} -> fwrite("~ts:~ts ~ts~ts...", [Module, L, Name, D]);
        _ -> fwrite("~ts~ts...", [L, D])
    end.

%% Output is the captured chardata as a list, so empty output prints as <<"">>, as EUnit's.
test_error({error, Exception}, Data, St) ->
    Output = proplists:get_value(output, Data),
    fwrite("*failed*\n~ts", [format_exception(Exception, St#st.depth)]),
    case Output of
        <<>> -> fwrite("\n\n");
        _ -> fwrite("  output:<<\"~ts\">>\n\n", [Output])
    end;
test_error({skipped, Reason}, _Data, _St) ->
    fwrite("*did not run*\n::~ts\n", [format_skipped(Reason)]).

format_skipped({module_not_found, M}) ->
    io_lib:fwrite("missing module: ~w", [M]);
format_skipped({no_such_function, {M, F, A}}) ->
    io_lib:fwrite("no such function: ~w:~tw/~w", [M, F, A]).

group_cancel(_I, {blame, _}, _St) -> ok;
group_cancel(I, Reason, St) ->
    indent(I),
    fwrite(format_cancel(Reason, St#st.depth)).

format_cancel(undefined, _) -> "*skipped*\n";
format_cancel(timeout, _) -> "*timed out*\n";
format_cancel({timeout, #{stacktrace := Stack}}, _) ->
    ["*timed out*\n", format_stacktrace(Stack)];
format_cancel({startup, Reason}, Depth) ->
    io_lib:fwrite("*could not start test process*\n::~tP\n\n", [Reason, Depth]);
format_cancel({blame, _}, _) -> "*cancelled because of subtask*\n";
format_cancel({exit, Reason}, Depth) ->
    io_lib:fwrite("*unexpected termination of test process*\n::~tP\n\n", [Reason, Depth]);
format_cancel({abort, Reason}, Depth) ->
    format_error(Reason, Depth).

%% ---- exceptions and errors as eunit_lib formats them ----

format_exception({Class, Term, Trace}, Depth) when is_atom(Class), is_list(Trace) ->
    case is_stacktrace(Trace) of
        true ->
            io_lib:format("~ts**~w:~ts", [format_stacktrace(Trace), Class,
                                          format_term(Term, Depth)]);
        false -> format_term(Term, Depth)
    end;
format_exception(Term, Depth) ->
    format_term(Term, Depth).

format_term(Term, Depth) -> io_lib:format("~tP\n", [Term, Depth]).

is_stacktrace([]) -> true;
is_stacktrace([{M, F, A, L} | Fs]) when is_atom(M), is_atom(F), is_integer(A), is_list(L) ->
    is_stacktrace(Fs);
is_stacktrace([{M, F, As, L} | Fs]) when is_atom(M), is_atom(F), is_list(As), is_list(L) ->
    is_stacktrace(Fs);
is_stacktrace([{M, F, A} | Fs]) when is_atom(M), is_atom(F), is_integer(A) ->
    is_stacktrace(Fs);
is_stacktrace([{M, F, As} | Fs]) when is_atom(M), is_atom(F), is_list(As) ->
    is_stacktrace(Fs);
is_stacktrace(_) -> false.

format_stacktrace(Trace) -> format_stacktrace(Trace, "in function", "in call from").

format_stacktrace([{M, F, A, L} | Fs], Pre, Pre1) when is_integer(A) ->
    [io_lib:fwrite("~ts ~w:~tw/~w~ts\n", [Pre, M, F, A, location(L)])
     | format_stacktrace(Fs, Pre1, Pre1)];
format_stacktrace([{M, F, As, L} | Fs], Pre, Pre1) when is_list(As) ->
    A = length(As),
    C = case {is_op(M, F, A), As} of
            {true, [A1]} -> io_lib:fwrite("~ts ~ts", [F, format_arg(A1)]);
            {true, [A1, A2]} -> io_lib:fwrite("~ts ~ts ~ts", [format_arg(A1), F, format_arg(A2)]);
            _ -> io_lib:fwrite("~tw(~ts)", [F, format_arglist(As)])
        end,
    [io_lib:fwrite("~ts ~w:~tw/~w~ts\n  called as ~ts\n", [Pre, M, F, A, location(L), C])
     | format_stacktrace(Fs, Pre1, Pre1)];
format_stacktrace([{M, F, As} | Fs], Pre, Pre1) ->
    format_stacktrace([{M, F, As, []} | Fs], Pre, Pre1);
format_stacktrace([], _Pre, _Pre1) -> "".

location(L) ->
    case {proplists:get_value(file, L), proplists:get_value(line, L)} of
        {File, Line} when File =/= undefined, Line =/= undefined ->
            io_lib:format(" (~ts, line ~w)", [File, Line]);
        _ -> ""
    end.

format_arg(A) -> io_lib:format("~tP", [A, 15]).

format_arglist([A]) -> format_arg(A);
format_arglist([A | As]) -> [io_lib:format("~tP,", [A, 15]) | format_arglist(As)];
format_arglist([]) -> "".

is_op(erlang, F, A) ->
    lists:member({F, A}, [{'+', 1}, {'-', 1}, {'bnot', 1}, {'not', 1},
                          {'+', 2}, {'-', 2}, {'*', 2}, {'/', 2}, {'div', 2}, {'rem', 2},
                          {'band', 2}, {'bor', 2}, {'bxor', 2}, {'bsl', 2}, {'bsr', 2},
                          {'and', 2}, {'or', 2}, {'xor', 2},
                          {'==', 2}, {'/=', 2}, {'=<', 2}, {'<', 2}, {'>=', 2}, {'>', 2},
                          {'=:=', 2}, {'=/=', 2}, {'++', 2}, {'--', 2}, {'!', 2}]);
is_op(_, _, _) -> false.

format_error({bad_test, Term}, Depth) ->
    error_msg("bad test descriptor", "~tP", [Term, Depth]);
format_error({bad_generator, {{M, F, A}, Term}}, Depth) ->
    error_msg(io_lib:format("result from generator ~w:~tw/~w is not a test", [M, F, A]),
              "~tP", [Term, Depth]);
format_error({generator_failed, {{M, F, A}, Exception}}, Depth) ->
    error_msg(io_lib:format("test generator ~w:~tw/~w failed", [M, F, A]),
              "~ts", [format_exception(Exception, Depth)]);
format_error({no_such_function, {M, F, A}}, _) when is_atom(M), is_atom(F), is_integer(A) ->
    error_msg(io_lib:format("no such function: ~w:~tw/~w", [M, F, A]), "", []);
format_error({module_not_found, M}, _) ->
    error_msg("test module not found", "~tp", [M]);
format_error({application_not_found, A}, _) when is_atom(A) ->
    error_msg("application not found", "~w", [A]);
format_error({setup_failed, Exception}, Depth) ->
    error_msg("context setup failed", "~ts", [format_exception(Exception, Depth)]);
format_error({cleanup_failed, Exception}, Depth) ->
    error_msg("context cleanup failed", "~ts", [format_exception(Exception, Depth)]);
format_error({{bad_instantiator, {{M, F, A}, Term}}, _Exception}, Depth) ->
    error_msg(io_lib:format("result from instantiator ~w:~tw/~w is not a test", [M, F, A]),
              "~tP", [Term, Depth]);
format_error({instantiation_failed, Exception}, Depth) ->
    error_msg("instantiation of subtests failed", "~ts", [format_exception(Exception, Depth)]).

error_msg(Title, Fmt, Args) ->
    Msg = io_lib:format("**" ++ Fmt, Args),
    io_lib:fwrite("*** ~ts ***\n~ts\n\n", [Title, Msg]).

%% Like EUnit, a preformatted report is written as a format string (a "~" in it is a directive).
fwrite(String) -> fwrite(unicode:characters_to_list(String), []).

fwrite(String, Args) ->
    case get(no_tty) of
        true -> ok;
        _ -> io:fwrite(String, Args)
    end.
