%% eunit/include/eunit.hrl as krarup embeds it: OTP 25 EUnit's macros.
%% Including it turns testing on (defines TEST and EUNIT) unless NOTEST is defined first; TEST
%% wins over NOTEST and DEBUG over NODEBUG. Testing forces the assertions on (ASSERT). The
%% assertion macros come from stdlib/include/assert.hrl. With testing on, the compiler exports
%% every Name_test/0 and Name_test_/0 and adds test() -> eunit:test(?MODULE) (the
%% eunit_autoexport parse transform); with NOTEST it strips those functions (eunit_striptests).
%% EUNIT_NOAUTO turns both off.
-ifndef(EUNIT_HRL).
-define(EUNIT_HRL, true).

-ifdef(TEST).
-undef(NOTEST).
-endif.

-ifdef(DEBUG).
-undef(NODEBUG).
-endif.

-ifndef(NOTEST).
-ifndef(ASSERT).
-define(ASSERT, true).
-endif.
-ifndef(TEST).
-define(TEST, true).
-endif.
-ifndef(EUNIT).
-define(EUNIT, true).
-endif.
-else.
-undef(EUNIT).
-endif.

-include_lib("stdlib/include/assert.hrl").

-ifndef(EUNIT_NOAUTO).
-ifndef(NOTEST).
-compile({parse_transform, eunit_autoexport}).
-else.
-compile({parse_transform, eunit_striptests}).
-endif.
-endif.

%% ?LET(X, Y, Z): Z with the pattern X bound to Y in a fresh scope.
-ifndef(LET).
-define(LET(X, Y, Z), begin ((fun(X) -> (Z) end)(Y)) end).
-endif.

%% ?IF(B, T, F): T when B is true, F when it is false.
-ifndef(IF).
-define(IF(B, T, F), begin (case (B) of true -> (T); false -> (F) end) end).
-endif.

%% ?MATCHES(G, E): whether E matches the guarded pattern G.
-ifndef(MATCHES).
-define(MATCHES(G, E), begin (case (E) of G -> true; _ -> false end) end).
-endif.

%% ?UNDER_EUNIT: whether this process's group leader is an EUnit test process.
-ifndef(UNDER_EUNIT).
-define(UNDER_EUNIT,
        (?MATCHES({current_function, {eunit_proc, _, _}},
                  erlang:process_info(erlang:group_leader(), current_function)))).
-endif.

%% Test objects: {Line, Fun} pairs that EUnit runs and reports with their line.
-define(_test(Expr), {?LINE, fun() -> (Expr) end}).
-define(_assert(BoolExpr), ?_test(?assert(BoolExpr))).
-define(_assertNot(BoolExpr), ?_assert(not (BoolExpr))).
-define(_assertMatch(Guard, Expr), ?_test(?assertMatch(Guard, Expr))).
-define(_assertNotMatch(Guard, Expr), ?_test(?assertNotMatch(Guard, Expr))).
-define(_assertEqual(Expect, Expr), ?_test(?assertEqual(Expect, Expr))).
-define(_assertNotEqual(Unexpected, Expr), ?_test(?assertNotEqual(Unexpected, Expr))).
-define(_assertException(Class, Term, Expr), ?_test(?assertException(Class, Term, Expr))).
-define(_assertError(Term, Expr), ?_assertException(error, Term, Expr)).
-define(_assertExit(Term, Expr), ?_assertException(exit, Term, Expr)).
-define(_assertThrow(Term, Expr), ?_assertException(throw, Term, Expr)).
-define(_assertNotException(Class, Term, Expr),
        ?_test(?assertNotException(Class, Term, Expr))).

%% ?capturedOutput: what the running test has printed so far.
-define(capturedOutput, (eunit_proc:get_output())).

%% Debugging output goes to the device user, so EUnit's capture does not hide it:
%% "File:Line:Pid: Text".
-ifdef(NODEBUG).
-define(debugMsg(S), ok).
-define(debugHere, ok).
-define(debugFmt(S, As), ok).
-define(debugVal(E), (E)).
-define(debugValAll(E), (E)).
-define(debugTime(S, E), (E)).
-else.
-define(debugMsg(S),
        begin
            io:fwrite(user, <<"~ts:~w:~w: ~ts\n">>, [?FILE, ?LINE, self(), S]),
            ok
        end).
-define(debugHere, (?debugMsg("<-"))).
-define(debugFmt(S, As), (?debugMsg(io_lib:format((S), (As))))).
-define(debugVal(E, D),
        begin
            ((fun(X__KrarupV) ->
                      ?debugFmt(<<"~ts = ~tP">>, [(??E), X__KrarupV, D]),
                      X__KrarupV
              end)(E))
        end).
-ifndef(EUNIT_DEBUG_VAL_DEPTH).
-define(EUNIT_DEBUG_VAL_DEPTH, 15).
-endif.
-define(debugVal(E), ?debugVal(E, ?EUNIT_DEBUG_VAL_DEPTH)).
-define(debugTime(S, E),
        begin
            ((fun() ->
                      {X__KrarupT0, _} = statistics(wall_clock),
                      X__KrarupV = (E),
                      {X__KrarupT1, _} = statistics(wall_clock),
                      ?debugFmt(<<"~ts: ~.3f s">>, [(S), (X__KrarupT1 - X__KrarupT0) / 1000]),
                      X__KrarupV
              end)())
        end).
-endif.

-endif.
