%% More EUnit test representations: foreach with local processes, setup with {with, Fs} and
%% with an arity-0 instantiator, a timeout around a generator, a Unicode description, inorder
%% with descriptions, and tests that did not run (missing function, missing module).
-module(representations).
-include_lib("eunit/include/eunit.hrl").
-export([main/0]).
fel_test_() -> {foreach, local, fun() -> put(x, 1) end, [fun(_) -> ?_assertEqual(1, get(x)) end]}.
with_test_() -> {setup, fun() -> 5 end, fun(_) -> ok end, {with, [fun(X) -> ?assertEqual(5, X) end, fun(X) -> ?assert(X < 0) end]}}.
arity0_test_() -> {setup, fun() -> 5 end, fun(_) -> ok end, fun() -> ok end}.
gen_timeout_test_() -> {timeout, 10, {generator, fun() -> [?_test(ok), ?_test(ok)] end}}.
unicode_test_() -> {"héllo ✓", ?_assert(false)}.
inorder_test_() -> {inorder, [{"a", ?_test(ok)}, {"b", ?_test(ok)}]}.
skip_test_() -> {generator, fun() -> [{representations, nothere}] end}.
nomod_test_() -> [{nomod_xyz, f}].
main() ->
    io:format("~p~n", [eunit:test(?MODULE)]),
    io:format("~p~n", [eunit:test(?MODULE, [verbose])]).
