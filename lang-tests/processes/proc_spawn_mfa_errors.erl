-module(proc_spawn_mfa_errors).
-export([main/0]).
%% spawn(M, F, A) of an undefined function or a failing builtin: the reason and stack the child
%% dies with, as BEAM builds them (no frame for the start of the process).
main() ->
    ok = logger:set_primary_config(level, none),
    {P, R} = spawn_monitor(proc_spawn_mfa_errors, nope, [1]),
    receive {'DOWN', R, process, P, Reason} -> io:format("~p~n", [Reason]) end,
    {P2, R2} = spawn_monitor(lists, reverse, [[1,2]]),
    receive {'DOWN', R2, process, P2, Reason2} -> io:format("~p~n", [Reason2]) end,
    {P3, R3} = spawn_monitor(erlang, atom_to_list, [1]),
    receive {'DOWN', R3, process, P3, Reason3} -> io:format("~p~n", [Reason3]) end.
