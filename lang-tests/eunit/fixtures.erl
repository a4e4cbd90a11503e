%% EUnit fixtures: setup with every arity and process option, instantiators, foreach and
%% foreachx, multi-setup lists, and the reports of a failing setup, cleanup or instantiator.
-module(fixtures).
-include_lib("eunit/include/eunit.hrl").
-export([main/0]).

setup_test_() ->
    {setup, fun() -> 42 end, fun(X) -> [?_assertEqual(42, X)] end}.

setup_cleanup_test_() ->
    {setup, fun() -> 1 end, fun(1) -> ok end, fun(X) -> ?_assertEqual(1, X) end}.

setup_local_test_() ->
    {setup, local, fun() -> self() end, fun(_) -> ok end,
     fun(P) -> ?_assertEqual(P, self()) end}.

setup_spawn_test_() ->
    {setup, spawn, fun() -> self() end, fun(_) -> ok end,
     fun(P) -> ?_assertNotEqual(P, self()) end}.

setup_tests_test_() ->
    {setup, fun() -> ok end, [?_test(ok), ?_test(ok)]}.

setup_list_test_() ->
    {setup, [{a, fun() -> 1 end, fun(_) -> ok end}, {b, fun() -> 2 end}],
     fun(L) -> ?_assertEqual([1, 2], L) end}.

foreach_test_() ->
    {foreach, fun() -> put(count, 0), 10 end, fun(_) -> ok end,
     [fun(X) -> ?_assertEqual(10, X) end,
      fun(_) -> ?_assertEqual(0, get(count)) end,
      fun(X) -> ?_assertEqual(11, X) end]}.

foreachx_test_() ->
    {foreachx, fun(X) -> X * 2 end, fun(_, _) -> ok end,
     [{1, fun(X, R) -> ?_assertEqual(X * 2, R) end},
      {5, fun(_, R) -> ?_assertEqual(11, R) end}]}.

setup_fails_test_() ->
    {setup, fun() -> erlang:error(no_setup) end, fun(_) -> [?_test(ok), ?_test(ok)] end}.

cleanup_fails_test_() ->
    {setup, fun() -> ok end, fun(_) -> exit(no_cleanup) end, fun(_) -> ?_test(ok) end}.

instantiator_fails_test_() ->
    {setup, fun() -> ok end, fun(_) -> ok end, fun(_) -> throw(no_tests) end}.

bad_instantiator_test_() ->
    {setup, fun() -> ok end, fun(_) -> ok end, fun(_) -> ok end}.

main() ->
    io:format("~p~n", [eunit:test(?MODULE)]),
    io:format("~p~n", [eunit:test(?MODULE, [verbose])]).
