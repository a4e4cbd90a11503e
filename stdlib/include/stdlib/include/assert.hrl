%% stdlib/include/assert.hrl as krarup embeds it: OTP 25's assertion macros (?assert,
%% ?assertNot, ?assertMatch, ?assertNotMatch, ?assertEqual, ?assertNotEqual, ?assertException,
%% ?assertError, ?assertExit, ?assertThrow, ?assertNotException, each also with a trailing
%% Comment argument). A passing assertion is `ok`; a failing one raises error({Name, Info}) with
%% the Info list OTP 25 gives: module, line, the comment when there is one, the expression as text
%% (??Expr), then what was expected and what was found.
%% Defining NOASSERT (or NODEBUG without DEBUG) turns every macro into `ok`; ASSERT overrides both.
-ifndef(ASSERT_HRL).
-define(ASSERT_HRL, true).

-ifdef(ASSERT).
-undef(NOASSERT).
-else.
-ifdef(NODEBUG).
-ifndef(DEBUG).
-ifndef(NOASSERT).
-define(NOASSERT, true).
-endif.
-endif.
-endif.
-endif.

-ifdef(NOASSERT).
-define(assert(BoolExpr), ok).
-define(assert(BoolExpr, Comment), ok).
-define(assertNot(BoolExpr), ok).
-define(assertNot(BoolExpr, Comment), ok).
-define(assertMatch(Guard, Expr), ok).
-define(assertMatch(Guard, Expr, Comment), ok).
-define(assertNotMatch(Guard, Expr), ok).
-define(assertNotMatch(Guard, Expr, Comment), ok).
-define(assertEqual(Expect, Expr), ok).
-define(assertEqual(Expect, Expr, Comment), ok).
-define(assertNotEqual(Unexpected, Expr), ok).
-define(assertNotEqual(Unexpected, Expr, Comment), ok).
-define(assertException(Class, Term, Expr), ok).
-define(assertException(Class, Term, Expr, Comment), ok).
-define(assertNotException(Class, Term, Expr), ok).
-define(assertNotException(Class, Term, Expr, Comment), ok).
-else.

%% The head of every Info list; Extra is [] or [{comment, Comment}].
-define(KRARUP_ASSERT_INFO(Extra, Expr),
        [{module, ?MODULE}, {line, ?LINE} | Extra] ++ [{expression, Expr}]).

%% What a boolean assertion found: {value, V} for a boolean, {not_boolean, V} otherwise.
-define(KRARUP_ASSERT_FOUND(V),
        case V of
            X__KrarupB when is_boolean(X__KrarupB) -> {value, X__KrarupB};
            _ -> {not_boolean, V}
        end).

-define(KRARUP_ASSERT_BOOL(Want, BoolExpr, Text, Extra),
        begin
            ((fun() ->
                      case (BoolExpr) of
                          Want -> ok;
                          X__KrarupV ->
                              erlang:error({assert,
                                            ?KRARUP_ASSERT_INFO(Extra, Text)
                                            ++ [{expected, Want},
                                                ?KRARUP_ASSERT_FOUND(X__KrarupV)]})
                      end
              end)())
        end).

-define(assert(BoolExpr), ?KRARUP_ASSERT_BOOL(true, BoolExpr, (??BoolExpr), [])).
-define(assert(BoolExpr, Comment),
        ?KRARUP_ASSERT_BOOL(true, BoolExpr, (??BoolExpr), [{comment, Comment}])).
-define(assertNot(BoolExpr), ?KRARUP_ASSERT_BOOL(false, BoolExpr, (??BoolExpr), [])).
-define(assertNot(BoolExpr, Comment),
        ?KRARUP_ASSERT_BOOL(false, BoolExpr, (??BoolExpr), [{comment, Comment}])).

-define(KRARUP_ASSERT_MATCH(Guard, Expr, Text, Pattern, Extra),
        begin
            ((fun() ->
                      case (Expr) of
                          Guard -> ok;
                          X__KrarupV ->
                              erlang:error({assertMatch,
                                            ?KRARUP_ASSERT_INFO(Extra, Text)
                                            ++ [{pattern, Pattern}, {value, X__KrarupV}]})
                      end
              end)())
        end).

-define(assertMatch(Guard, Expr),
        ?KRARUP_ASSERT_MATCH(Guard, Expr, (??Expr), (??Guard), [])).
-define(assertMatch(Guard, Expr, Comment),
        ?KRARUP_ASSERT_MATCH(Guard, Expr, (??Expr), (??Guard), [{comment, Comment}])).

-define(KRARUP_ASSERT_NOT_MATCH(Guard, Expr, Text, Pattern, Extra),
        begin
            ((fun() ->
                      X__KrarupV = (Expr),
                      case X__KrarupV of
                          Guard ->
                              erlang:error({assertNotMatch,
                                            ?KRARUP_ASSERT_INFO(Extra, Text)
                                            ++ [{pattern, Pattern}, {value, X__KrarupV}]});
                          _ -> ok
                      end
              end)())
        end).

-define(assertNotMatch(Guard, Expr),
        ?KRARUP_ASSERT_NOT_MATCH(Guard, Expr, (??Expr), (??Guard), [])).
-define(assertNotMatch(Guard, Expr, Comment),
        ?KRARUP_ASSERT_NOT_MATCH(Guard, Expr, (??Expr), (??Guard), [{comment, Comment}])).

-define(KRARUP_ASSERT_EQUAL(Expect, Expr, Text, Extra),
        begin
            ((fun() ->
                      X__KrarupX = (Expect),
                      case (Expr) of
                          X__KrarupX -> ok;
                          X__KrarupV ->
                              erlang:error({assertEqual,
                                            ?KRARUP_ASSERT_INFO(Extra, Text)
                                            ++ [{expected, X__KrarupX}, {value, X__KrarupV}]})
                      end
              end)())
        end).

-define(assertEqual(Expect, Expr), ?KRARUP_ASSERT_EQUAL(Expect, Expr, (??Expr), [])).
-define(assertEqual(Expect, Expr, Comment),
        ?KRARUP_ASSERT_EQUAL(Expect, Expr, (??Expr), [{comment, Comment}])).

-define(KRARUP_ASSERT_NOT_EQUAL(Unexpected, Expr, Text, Extra),
        begin
            ((fun() ->
                      X__KrarupX = (Unexpected),
                      case (Expr) of
                          X__KrarupX ->
                              erlang:error({assertNotEqual,
                                            ?KRARUP_ASSERT_INFO(Extra, Text)
                                            ++ [{value, X__KrarupX}]});
                          _ -> ok
                      end
              end)())
        end).

-define(assertNotEqual(Unexpected, Expr),
        ?KRARUP_ASSERT_NOT_EQUAL(Unexpected, Expr, (??Expr), [])).
-define(assertNotEqual(Unexpected, Expr, Comment),
        ?KRARUP_ASSERT_NOT_EQUAL(Unexpected, Expr, (??Expr), [{comment, Comment}])).

%% The pattern text of the exception assertions: "{ Class , Term , [...] }".
-define(KRARUP_ASSERT_PATTERN(ClassText, TermText),
        "{ " ++ ClassText ++ " , " ++ TermText ++ " , [...] }").

-define(KRARUP_ASSERT_EXCEPTION(Class, Term, Expr, Text, Pattern, Extra),
        begin
            ((fun() ->
                      try (Expr) of
                          X__KrarupV ->
                              erlang:error({assertException,
                                            ?KRARUP_ASSERT_INFO(Extra, Text)
                                            ++ [{pattern, Pattern},
                                                {unexpected_success, X__KrarupV}]})
                      catch
                          Class:Term -> ok;
                          X__KrarupC:X__KrarupT:X__KrarupS ->
                              erlang:error({assertException,
                                            ?KRARUP_ASSERT_INFO(Extra, Text)
                                            ++ [{pattern, Pattern},
                                                {unexpected_exception,
                                                 {X__KrarupC, X__KrarupT, X__KrarupS}}]})
                      end
              end)())
        end).

-define(assertException(Class, Term, Expr),
        ?KRARUP_ASSERT_EXCEPTION(Class, Term, Expr, (??Expr),
                                 ?KRARUP_ASSERT_PATTERN((??Class), (??Term)), [])).
-define(assertException(Class, Term, Expr, Comment),
        ?KRARUP_ASSERT_EXCEPTION(Class, Term, Expr, (??Expr),
                                 ?KRARUP_ASSERT_PATTERN((??Class), (??Term)),
                                 [{comment, Comment}])).

-define(KRARUP_ASSERT_NOT_EXCEPTION(Class, Term, Expr, Text, Pattern, Extra),
        begin
            ((fun() ->
                      try (Expr) of
                          _ -> ok
                      catch
                          X__KrarupC:X__KrarupT:X__KrarupS ->
                              case X__KrarupC of
                                  Class ->
                                      case X__KrarupT of
                                          Term ->
                                              erlang:error(
                                                {assertNotException,
                                                 ?KRARUP_ASSERT_INFO(Extra, Text)
                                                 ++ [{pattern, Pattern},
                                                     {unexpected_exception,
                                                      {X__KrarupC, X__KrarupT, X__KrarupS}}]});
                                          _ -> ok
                                      end;
                                  _ -> ok
                              end
                      end
              end)())
        end).

-define(assertNotException(Class, Term, Expr),
        ?KRARUP_ASSERT_NOT_EXCEPTION(Class, Term, Expr, (??Expr),
                                     ?KRARUP_ASSERT_PATTERN((??Class), (??Term)), [])).
-define(assertNotException(Class, Term, Expr, Comment),
        ?KRARUP_ASSERT_NOT_EXCEPTION(Class, Term, Expr, (??Expr),
                                     ?KRARUP_ASSERT_PATTERN((??Class), (??Term)),
                                     [{comment, Comment}])).
-endif.

-define(assertError(Term, Expr), ?assertException(error, Term, Expr)).
-define(assertError(Term, Expr, Comment), ?assertException(error, Term, Expr, Comment)).
-define(assertExit(Term, Expr), ?assertException(exit, Term, Expr)).
-define(assertExit(Term, Expr, Comment), ?assertException(exit, Term, Expr, Comment)).
-define(assertThrow(Term, Expr), ?assertException(throw, Term, Expr)).
-define(assertThrow(Term, Expr, Comment), ?assertException(throw, Term, Expr, Comment)).

-endif.
