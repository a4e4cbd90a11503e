-module(proc_exit_signals).
-export([main/0]).

%% exit/2 sent to another process with reason normal and other reasons, to processes that trap
%% exits and to processes that do not; what the target does and what its monitors see.

%% A target that reports every message it gets, and its exit reason through a monitor.
target(Trap, Parent) ->
    spawn(fun() ->
                  process_flag(trap_exit, Trap),
                  Parent ! ready,
                  loop(Parent)
          end).

loop(Parent) ->
    receive
        {'EXIT', From, R} -> Parent ! {got_exit, From =:= Parent, R}, loop(Parent);
        stop -> exit(stopped)
    end.

try_signal(Trap, Reason) ->
    Self = self(),
    P = target(Trap, Self),
    receive ready -> ok end,
    Ref = monitor(process, P),
    true = exit(P, Reason),
    Outcome = receive
                  {'DOWN', Ref, process, P, Why} -> {died, Why};
                  {got_exit, FromMe, R} -> {trapped, FromMe, R}
              after 100 -> ignored
              end,
    Alive = is_process_alive(P),
    case Outcome of
        {died, _} -> ok;
        _ ->
            P ! stop,
            receive {'DOWN', Ref, process, P, _} -> ok end
    end,
    io:format("trap=~p reason=~p: ~p alive=~p~n", [Trap, Reason, Outcome, Alive]).

main() ->
    process_flag(trap_exit, false),
    [try_signal(Trap, Reason) || Trap <- [false, true],
                                 Reason <- [normal, foo, {shutdown, x}, shutdown, kill]],
    %% exit/2 returns true also for a dead target.
    D = spawn(fun() -> ok end),
    DR = monitor(process, D),
    receive {'DOWN', DR, process, D, _} -> ok end,
    io:format("exit to dead: ~p~n", [exit(D, foo)]),
    %% A non-trapping process ignores a normal exit signal from anybody, linked or not.
    Self = self(),
    Q = spawn(fun() -> receive stop -> Self ! {q, stopped} end end),
    link(Q),
    exit(Q, normal),
    unlink(Q),
    Q ! stop,
    receive {q, S} -> io:format("linked target after normal: ~p~n", [S]) end,
    %% The reason can be any term.
    R = spawn(fun() -> receive after infinity -> ok end end),
    RR = monitor(process, R),
    exit(R, {any, [term, 1], <<"bin">>}),
    receive {'DOWN', RR, process, R, W} -> io:format("any term: ~p~n", [W]) end,
    ok.
