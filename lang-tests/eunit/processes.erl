%% EUnit's processes: parallel groups (reported in order), output of a process a test spawned
%% (captured with the test's), a {spawn, ...} test killed through a link, a local setup sharing
%% the process dictionary with its tests, nested and binary descriptions, an empty generator
%% and ?capturedOutput.
-module(processes).
-include_lib("eunit/include/eunit.hrl").
-export([main/0]).

par_test_() ->
    {inparallel, [?_test(timer:sleep(50)), ?_assertEqual(1, 2), ?_test(io:format("x~n")),
                  ?_test(ok)]}.
spawned_output_test() ->
    Self = self(),
    spawn(fun() -> io:format("from child~n"), Self ! done end),
    receive done -> ok end,
    ?assert(false).
linked_crash_test_() ->
    {spawn, ?_test(begin spawn_link(fun() -> exit(boom) end), timer:sleep(100) end)}.
local_setup_test_() ->
    {setup, local, fun() -> put(k, v) end, fun(_) -> ok end, ?_assertEqual(v, get(k))}.
nested_desc_test_() ->
    {"outer", [{"inner", [?_test(ok), ?_assert(false)]}, {"single", ?_test(ok)}]}.
empty_gen_test_() -> [].
binary_desc_test_() -> {<<"bin desc">>, ?_test(ok)}.
get_output_test() -> io:format("abc"), ?assertEqual("abc", ?capturedOutput).

main() ->
    io:format("~p~n", [eunit:test(?MODULE)]),
    io:format("~p~n", [eunit:test(?MODULE, [verbose])]),
    io:format("~p~n", [eunit:test({inparallel, 2, [?_test(ok), ?_test(ok), ?_test(ok)]},
                                  [verbose])]).
