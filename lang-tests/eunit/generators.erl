%% EUnit test sets: generators, test objects with line numbers, descriptions, {M, F},
%% {generator, F}, deep lists, inorder/inparallel/spawn groups, {with, X, Fs}, and the
%% errors for bad descriptors, failing generators and missing functions or modules.
-module(generators).
-include_lib("eunit/include/eunit.hrl").
-export([main/0, plain/0, gen/0, failing/0]).

plain() -> ok.
gen() -> [?_assert(true), {"from gen", ?_test(ok)}].
failing() -> ?assert(false).

list_test_() ->
    [?_assertEqual(1, 1),
     [?_test(ok), [{"nested", ?_assertMatch([_], [1])}]],
     {"described fail", ?_assertEqual(1, 2)},
     {generators, plain},
     {"mf described", {generators, plain}},
     {generator, fun gen/0},
     {generator, generators, gen}].

groups_test_() ->
    {"a group",
     [{inorder, [?_test(ok), ?_test(ok)]},
      {inparallel, [?_test(ok), ?_test(ok), ?_test(ok)]},
      {inparallel, 2, [?_test(ok), ?_test(ok), ?_test(ok)]},
      {spawn, ?_test(ok)},
      {with, 3, [fun(X) -> ?assertEqual(3, X) end, fun(X) -> ?assert(X > 5) end]}]}.

main() ->
    io:format("~p~n", [eunit:test(?MODULE)]),
    io:format("~p~n", [eunit:test(?MODULE, [verbose])]),
    io:format("~p~n", [eunit:test({generator, fun() -> erlang:error(broken) end})]),
    io:format("~p~n", [eunit:test({generator, fun() -> ok end})]),
    io:format("~p~n", [eunit:test([?_test(ok), {bad, descriptor, 1}])]),
    io:format("~p~n", [eunit:test({generators, no_such_fun})]),
    io:format("~p~n", [eunit:test({generators, failing})]),
    io:format("~p~n", [eunit:test(no_such_module)]),
    io:format("~p~n", [eunit:test([{"one", fun plain/0}, {"two", fun failing/0}])]).
