%% The macros of stdlib/include/assert.hrl: each passing form returns ok, each failing form raises
%% OTP 25's error term (caught and printed here), with and without a comment.
-module(assert_hrl).
-export([main/0]).
-include_lib("stdlib/include/assert.hrl").

%% Stack traces differ between VMs: an unexpected exception's is replaced by an atom.
t(Name, F) ->
    R = try F() of
            V -> {returned, V}
        catch
            C:E -> {C, no_stack(E)}
        end,
    io:format("~s: ~p~n", [Name, R]).

no_stack({Name, Info}) when is_list(Info) ->
    {Name, [case I of
                {unexpected_exception, {C, R, S}} when is_list(S) ->
                    {unexpected_exception, {C, R, stacktrace}};
                _ -> I
            end || I <- Info]};
no_stack(E) -> E.

val(X) -> X.

main() ->
    t("assert ok", fun() -> ?assert(val(1) =:= 1) end),
    t("assert false", fun() -> ?assert(val(1) =:= 2) end),
    t("assert not boolean", fun() -> ?assert(val(foo)) end),
    t("assert comment", fun() -> ?assert(val(false), "a comment") end),
    t("assertNot ok", fun() -> ?assertNot(val(false)) end),
    t("assertNot true", fun() -> ?assertNot(val(true)) end),
    t("assertNot comment", fun() -> ?assertNot(val(3), <<"why">>) end),
    t("assertMatch ok", fun() -> ?assertMatch({ok, _}, val({ok, 1})) end),
    t("assertMatch guard ok", fun() -> ?assertMatch({ok, X} when X > 0, val({ok, 1})) end),
    t("assertMatch fail", fun() -> ?assertMatch({ok, _}, val({error, 1})) end),
    t("assertMatch guard fail", fun() -> ?assertMatch({ok, X} when X > 5, val({ok, 1})) end),
    t("assertMatch comment", fun() -> ?assertMatch([_], val([]), "one") end),
    t("assertNotMatch ok", fun() -> ?assertNotMatch({ok, _}, val(error)) end),
    t("assertNotMatch fail", fun() -> ?assertNotMatch({ok, _}, val({ok, 2})) end),
    t("assertNotMatch comment", fun() -> ?assertNotMatch(_, val(x), "any") end),
    t("assertEqual ok", fun() -> ?assertEqual(3, val(1) + 2) end),
    t("assertEqual fail", fun() -> ?assertEqual(3, val(1) + 1) end),
    t("assertEqual float", fun() -> ?assertEqual(2, val(2.0)) end),
    t("assertEqual comment", fun() -> ?assertEqual(a, val(b), "letters") end),
    t("assertNotEqual ok", fun() -> ?assertNotEqual(3, val(4)) end),
    t("assertNotEqual fail", fun() -> ?assertNotEqual(3, val(3)) end),
    t("assertNotEqual comment", fun() -> ?assertNotEqual([], val([]), "empty") end),
    t("assertException ok", fun() -> ?assertException(throw, {x, _}, throw({x, 1})) end),
    t("assertException none", fun() -> ?assertException(throw, x, val(1)) end),
    t("assertException other", fun() -> ?assertException(error, badarg, exit(val(bye))) end),
    t("assertException guard",
      fun() -> ?assertException(error, {E, _} when E =:= a, error({b, 1})) end),
    t("assertException comment", fun() -> ?assertException(exit, x, val(2), "c") end),
    t("assertError ok", fun() -> ?assertError(badarith, val(1) / 0) end),
    t("assertError fail", fun() -> ?assertError(badarith, val(1) / 1) end),
    t("assertError comment", fun() -> ?assertError(badarg, throw(val(t)), "err") end),
    t("assertExit ok", fun() -> ?assertExit(normal, exit(val(normal))) end),
    t("assertExit fail", fun() -> ?assertExit(normal, error(val(e))) end),
    t("assertExit comment", fun() -> ?assertExit(normal, val(ok), "ex") end),
    t("assertThrow ok", fun() -> ?assertThrow(ball, throw(val(ball))) end),
    t("assertThrow fail", fun() -> ?assertThrow(ball, throw(val(other))) end),
    t("assertThrow comment", fun() -> ?assertThrow(ball, val(none), "th") end),
    t("assertNotException ok", fun() -> ?assertNotException(throw, x, val(1)) end),
    t("assertNotException other", fun() -> ?assertNotException(throw, x, throw(val(y))) end),
    t("assertNotException fail", fun() -> ?assertNotException(throw, x, throw(val(x))) end),
    t("assertNotException comment",
      fun() -> ?assertNotException(error, {_, _}, error(val({1, 2})), "ne") end),
    t("nested", fun() -> ?assertEqual(ok, ?assertMatch([_ | _], val([1]))) end),
    io:format("done~n").
