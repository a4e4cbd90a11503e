-module(proc_exit_self).
-export([main/0]).

%% exit/1 and exit(self(), Reason): exit(self(), normal) ends a non-trapping process (unlike a
%% normal signal from another process); a trapping process gets {'EXIT', Self, Reason} instead.

run(Trap, Action) ->
    Self = self(),
    {P, Ref} = spawn_monitor(fun() ->
                                     process_flag(trap_exit, Trap),
                                     Action(),
                                     receive
                                         {'EXIT', From, R} -> Self ! {trapped, From =:= self(), R}
                                     after 50 -> Self ! fell_through
                                     end
                             end),
    Res = receive
              {'DOWN', Ref, process, P, Why} -> {down, Why};
              Other -> Other
          end,
    receive {'DOWN', Ref, process, P, _} -> ok after 0 -> ok end,
    Res.

main() ->
    process_flag(trap_exit, false),
    Self = self(),
    Cases = [{"exit(normal)", fun() -> exit(normal) end},
             {"exit(foo)", fun() -> exit(foo) end},
             {"exit(self(), normal)", fun() -> exit(self(), normal) end},
             {"exit(self(), foo)", fun() -> exit(self(), foo) end},
             {"exit(self(), kill)", fun() -> exit(self(), kill) end},
             {"exit(kill)", fun() -> exit(kill) end}],
    [io:format("trap=~p ~s: ~p~n", [Trap, Name, run(Trap, F)]) || Trap <- [false, true], {Name, F} <- Cases],
    %% exit/1 is an exception and can be caught.
    io:format("caught: ~p~n", [catch exit(caught_me)]),
    io:format("try: ~p~n", [try exit({a, b}) catch exit:R -> {exit_class, R} end]),
    %% Code after exit(self(), foo) in a non-trapping process is never run.
    {P, Ref} = spawn_monitor(fun() -> exit(self(), foo), Self ! should_not_run end),
    receive {'DOWN', Ref, process, P, Why} -> io:format("down: ~p~n", [Why]) end,
    receive should_not_run -> io:format("ran on!~n") after 20 -> io:format("stopped at once~n") end,
    ok.
