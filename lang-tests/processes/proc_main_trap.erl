-module(proc_main_trap).
-export([main/0]).

%% Under `erl -noshell -eval`, main/0 runs in a process that already traps exits (so
%% process_flag(trap_exit, _) first returns true) and a crashing linked child arrives as an
%% 'EXIT' message instead of killing main.

main() ->
    io:format("initial trap_exit: ~p~n", [process_info(self(), trap_exit)]),
    P = spawn_link(fun() -> exit(boom) end),
    receive
        {'EXIT', P, Why} -> io:format("linked child: ~p~n", [Why])
    after 1000 -> io:format("no EXIT message~n")
    end,
    io:format("old value: ~p~n", [process_flag(trap_exit, true)]),
    ok.
