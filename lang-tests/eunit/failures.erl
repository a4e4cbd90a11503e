%% EUnit's report of failing tests: every assertion kind, with and without a comment, plain
%% errors, throws and exits, captured output, and the summary with the failure count. (An
%% assertion that caught the wrong exception reports its stack trace inside the failure term;
%% macros.erl checks those without the trace.)
-module(failures).
-include_lib("eunit/include/eunit.hrl").
-export([main/0]).

value(X) -> X.

assert_test() -> ?assert(value(1) > 2).
assert_not_boolean_test() -> ?assert(value(x)).
assert_not_test() -> ?assertNot(value(true)).
equal_test() -> ?assertEqual([1, 2], lists:reverse([1, 2])).
equal_comment_test() -> ?assertEqual(a, value(b), "a comment").
not_equal_test() -> ?assertNotEqual(3, value(3)).
match_test() -> ?assertMatch({ok, [_ | _]}, value({ok, []})).
match_guard_test() -> ?assertMatch(X when X > 10, value(5)).
not_match_test() -> ?assertNotMatch({_, _}, value({a, b})).
error_test() -> ?assertError(badarg, value(ok)).
exception_test() -> ?assertException(error, {badmatch, _}, value(1)).
exit_test() -> ?assertExit(normal, value(ok)).
throw_test() -> ?assertThrow({x, _}, value(y), "with comment").
badmatch_test() -> {ok, _} = value(error).
plain_throw_test() -> throw(thrown).
plain_exit_test() -> exit(bye).
output_test() ->
    io:format("line one~n"),
    io:put_chars("line two\n"),
    ?assertEqual(1, value(2)).
deep_term_test() -> ?assertEqual(lists:seq(1, 40), lists:seq(1, 41)).
passing_test() -> ok.

main() ->
    io:format("~p~n", [eunit:test(?MODULE)]).
