-module(proc_uncaught_quiet).
-export([main/0]).

%% Uncaught errors and throws in spawned processes: the crash does not touch the parent or the
%% program's output. erl prints a crash report (with a timestamp) through the logger on stdout,
%% so the logger is silenced here; monitors still see the reasons.

main() ->
    ok = logger:set_primary_config(level, none),
    io:format("before~n"),
    Self = self(),
    {P1, R1} = spawn_monitor(fun() -> [_] = lists:reverse([a, b]) end),
    {P2, R2} = spawn_monitor(fun() -> throw(up) end),
    {P3, R3} = spawn_monitor(fun() -> exit(quiet) end),
    {P4, R4} = spawn_monitor(fun() -> error({custom, 1}) end),
    {P5, R5} = spawn_monitor(fun() -> lists:nth(5, [x]) end),
    Show = fun(P, R) ->
                   receive
                       {'DOWN', R, process, P, {Head, Stack}} when is_list(Stack) -> io:format("~p~n", [Head]);
                       {'DOWN', R, process, P, Other} -> io:format("~p~n", [Other])
                   end
           end,
    [Show(P, R) || {P, R} <- [{P1, R1}, {P2, R2}, {P3, R3}, {P4, R4}, {P5, R5}]],
    io:format("parent fine: ~p~n", [is_process_alive(Self)]),
    spawn(fun() -> error(no_monitor) end),
    timer:sleep(20),
    io:format("after~n"),
    ok.
