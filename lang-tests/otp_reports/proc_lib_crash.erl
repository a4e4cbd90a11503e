%% proc_lib's CRASH REPORT for each exit class, the reasons that log nothing, the process
%% dictionary and a registered name in the report.
-module(proc_lib_crash).
-export([main/0]).

wait() -> timer:sleep(50).

main() ->
    proc_lib:spawn(fun() -> exit(bad_thing) end),
    wait(),
    proc_lib:spawn(fun() -> put(k, v), erlang:error(badarg) end),
    wait(),
    proc_lib:spawn(fun() -> {ok, _} = string:to_integer("x") end),
    wait(),
    proc_lib:spawn(fun() -> throw(thrown) end),
    wait(),
    proc_lib:spawn(fun() -> exit(normal) end),
    proc_lib:spawn(fun() -> exit(shutdown) end),
    proc_lib:spawn(fun() -> exit({shutdown, why}) end),
    wait(),
    proc_lib:spawn(fun() -> register(named_crasher, self()), exit({a, "reason", [1, 2, 3]}) end),
    wait(),
    proc_lib:spawn(lists, nth, [5, [a]]),
    wait(),
    Pid = proc_lib:spawn(fun() -> receive go -> exit(later) end end),
    wait(),
    io:format("~p~n", [proc_lib:initial_call(Pid)]),
    io:format("~p~n", [proc_lib:translate_initial_call(Pid)]),
    Pid ! go,
    wait(),
    ok.
