%% EUnit timeouts: a test running past its {timeout, T, ...} is reported *timed out* and the
%% rest of its task is cancelled; tests within their time pass.
-module(timeouts).
-include_lib("eunit/include/eunit.hrl").
-export([main/0]).

quick_test_() -> {timeout, 5, ?_test(timer:sleep(10))}.

main() ->
    Slow = {timeout, 0.2, ?_test(timer:sleep(2000))},
    io:format("~p~n", [eunit:test([?_test(ok), Slow, ?_test(ok)])]),
    io:format("~p~n", [eunit:test([{inorder, [?_test(ok), Slow]}, ?_test(ok)], [verbose])]),
    io:format("~p~n", [eunit:test(?MODULE)]).
