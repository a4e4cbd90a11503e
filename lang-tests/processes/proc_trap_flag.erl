-module(proc_trap_flag).
-export([main/0]).

%% process_flag(trap_exit, Bool) returns the old value; a new process starts with false; bad
%% values and unknown flags raise badarg; switching trapping off again makes signals fatal.

t(F) ->
    try F() of
        V -> {ok, V}
    catch
        C:R -> {C, R}
    end.

main() ->
    Self = self(),
    spawn(fun() ->
                  R1 = process_flag(trap_exit, true),
                  R2 = process_flag(trap_exit, true),
                  R3 = process_flag(trap_exit, false),
                  R4 = process_flag(trap_exit, false),
                  Self ! {flags, [R1, R2, R3, R4]}
          end),
    receive {flags, Fs} -> io:format("old values: ~p~n", [Fs]) end,
    spawn(fun() -> Self ! {initial, process_info(self(), trap_exit)} end),
    receive {initial, I} -> io:format("initial: ~p~n", [I]) end,
    spawn(fun() ->
                  Bad = t(fun() -> process_flag(trap_exit, yes) end),
                  Unknown = t(fun() -> process_flag(no_such_flag, true) end),
                  Self ! {bad, Bad, Unknown}
          end),
    receive {bad, B, U} -> io:format("bad value: ~p~nunknown flag: ~p~n", [B, U]) end,
    %% Trap, receive a signal as a message, stop trapping, then die from the next signal.
    P = spawn(fun() ->
                      process_flag(trap_exit, true),
                      Self ! ready,
                      receive {'EXIT', _, R} -> Self ! {trapped, R} end,
                      process_flag(trap_exit, false),
                      Self ! ready2,
                      receive after infinity -> ok end
              end),
    Ref = monitor(process, P),
    receive ready -> ok end,
    exit(P, first),
    receive {trapped, R} -> io:format("trapped: ~p~n", [R]) end,
    receive ready2 -> ok end,
    exit(P, second),
    receive {'DOWN', Ref, process, P, W} -> io:format("then died: ~p~n", [W]) end,
    %% Signals that arrived while trapping stay messages after trapping is switched off.
    Q = spawn(fun() ->
                      process_flag(trap_exit, true),
                      Self ! ready,
                      receive go -> ok end,
                      process_flag(trap_exit, false),
                      receive {'EXIT', _, Rq} -> Self ! {late_msg, Rq} end
              end),
    receive ready -> ok end,
    exit(Q, queued_reason),
    Q ! go,
    receive {late_msg, LR} -> io:format("queued EXIT kept: ~p~n", [LR]) end,
    ok.
