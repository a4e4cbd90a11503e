%% With NOTEST defined before eunit.hrl, test functions are stripped and no test/0 is added;
%% the assertion macros still work.
-module(notest).
-define(NOTEST, true).
-include_lib("eunit/include/eunit.hrl").
-export([main/0]).

a_test() -> ok.
b_test_() -> [].

main() ->
    io:format("~p~n", [lists:sort(?MODULE:module_info(exports))]),
    io:format("~p~n", [?assertEqual(1, 1)]),
    io:format("~p~n", [defined()]).

-ifdef(EUNIT).
defined() -> eunit.
-else.
defined() -> no_eunit.
-endif.
