%% EUnit on passing tests: the summary lines for 0, 1, 2 and more tests, verbose and not,
%% Module:test/0 added by eunit.hrl, and the exports it adds.
-module(basic).
-include_lib("eunit/include/eunit.hrl").
-export([main/0, double/1]).

double(X) -> 2 * X.

double_test() -> ?assertEqual(4, double(2)).
zero_test() -> ?assert(double(0) =:= 0).
not_test() -> ?assertNot(double(1) =:= 1).
match_test() -> ?assertMatch({_, 2}, {x, double(1)}).
gen_test_() -> [?_assertEqual(6, double(3)), ?_assertNotEqual(5, double(3))].
helper(X) -> X.

main() ->
    io:format("~p~n", [lists:sort(?MODULE:module_info(exports))]),
    io:format("~p~n", [eunit:test([])]),
    io:format("~p~n", [eunit:test(fun() -> ok end)]),
    io:format("~p~n", [eunit:test([fun() -> ok end, {?MODULE, double_test}])]),
    io:format("~p~n", [eunit:test(?MODULE)]),
    io:format("~p~n", [?MODULE:test()]),
    io:format("~p~n", [eunit:test({module, ?MODULE}, [verbose])]),
    io:format("~p~n", [helper(ok)]).
