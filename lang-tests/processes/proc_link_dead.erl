-module(proc_link_dead).
-export([main/0]).

%% link/1 to a process that no longer exists: raises error:noproc when the caller does not trap
%% exits; returns true and delivers {'EXIT', Pid, noproc} when it does.

dead_pid() ->
    P = spawn(fun() -> ok end),
    R = monitor(process, P),
    receive {'DOWN', R, process, P, _} -> P end.

main() ->
    Self = self(),
    D = dead_pid(),
    process_flag(trap_exit, false),
    R1 = try link(D) of
             V -> {returned, V}
         catch
             C:E -> {C, E}
         end,
    io:format("not trapping: ~p~n", [R1]),
    receive M -> io:format("message: ~p~n", [M]) after 20 -> io:format("no message~n") end,
    io:format("still alive: ~p~n", [is_process_alive(Self)]),
    process_flag(trap_exit, true),
    io:format("trapping: ~p~n", [link(D)]),
    receive
        {'EXIT', D, Why} -> io:format("EXIT from dead: ~p~n", [Why])
    after 1000 -> io:format("no EXIT~n")
    end,
    {links, Ls} = process_info(self(), links),
    io:format("dead pid not in links: ~p~n", [not lists:member(D, Ls)]),
    %% The same from a fresh process (whose flag starts false).
    P = spawn(fun() -> Self ! {child, catch link(D)} end),
    receive {child, {'EXIT', {Reason, _}}} -> io:format("child: ~p ~p~n", [Reason, is_pid(P)]) end,
    ok.
