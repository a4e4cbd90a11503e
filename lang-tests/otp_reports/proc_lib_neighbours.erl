%% proc_lib's CRASH REPORT lists the crashing process's linked neighbours (here a registered
%% proc_lib process waiting in receive) with their current function and stack.
-module(proc_lib_neighbours).
-export([main/0, crasher/1, neighbour/0]).

neighbour() -> receive stop -> ok end.

crasher(Parent) ->
    N = proc_lib:spawn_link(?MODULE, neighbour, []),
    register(nbr, N),
    Parent ! ready,
    receive go -> exit(bad_thing) end.

main() ->
    P = proc_lib:spawn(?MODULE, crasher, [self()]),
    receive ready -> ok end,
    timer:sleep(50),
    P ! go,
    timer:sleep(100),
    ok.
