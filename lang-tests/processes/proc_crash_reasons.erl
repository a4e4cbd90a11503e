-module(proc_crash_reasons).
-export([main/0, crash/1]).

%% The exit reason a process has when it dies from an uncaught exception, as seen by a trapping
%% link ({'EXIT', Pid, Reason}) and by a monitor: error:R gives {R, Stack}, throw:V gives
%% {{nocatch, V}, Stack}, exit:R gives R. Stacks are not printed (they hold file names).
%% The logger is silenced first: erl prints the crash reports on stdout with timestamps.

crash(badarith) -> 1 / zero();
crash(badmatch) -> {ok, _} = id(error);
crash(function_clause) -> fc(nope);
crash(case_clause) -> case id(x) of y -> ok end;
crash(if_clause) -> Z = zero(), if Z > 0 -> ok end;
crash(badarg) -> atom_to_list(id(42));
crash(undef) -> undefined_mod_xyz:f();
crash(badfun) -> (id(notfun))();
crash(badarity) -> (id(fun(A) -> A end))();
crash(error_atom) -> error(my_error);
crash(error_tuple) -> error({my, error});
crash(throw) -> throw(thrown);
crash(exit_atom) -> exit(my_exit);
crash(exit_tuple) -> exit({my, exit});
crash(nested) -> catch_then_error().

zero() -> 0.
id(X) -> X.
fc(yes) -> ok.
catch_then_error() ->
    try throw(inner)
    catch throw:inner -> error(outer)
    end.

shape({{badarity, {F, Args}}, Stack}) when is_function(F), is_list(Stack) -> {{badarity, {fn, Args}}, stack};
shape({Head, Stack}) when is_list(Stack) -> {Head, stack};
shape(R) -> R.

main() ->
    logger:set_primary_config(level, none),
    process_flag(trap_exit, true),
    Kinds = [badarith, badmatch, function_clause, case_clause, if_clause, badarg, undef, badfun,
             badarity, error_atom, error_tuple, throw, exit_atom, exit_tuple, nested],
    lists:foreach(
      fun(K) ->
              P = spawn_link(?MODULE, crash, [K]),
              Ref = monitor(process, P),
              receive {'EXIT', P, R1} -> ok end,
              receive {'DOWN', Ref, process, P, R2} -> ok end,
              io:format("~p: ~p same=~p~n", [K, shape(R1), R1 =:= R2])
      end, Kinds),
    %% A non-trapping linked process dies with the same reason.
    process_flag(trap_exit, false),
    Self = self(),
    Mid = spawn(fun() ->
                        spawn_link(?MODULE, crash, [badarith]),
                        receive after infinity -> ok end
                end),
    Ref = monitor(process, Mid),
    receive {'DOWN', Ref, process, Mid, R} -> io:format("link partner: ~p~n", [shape(R)]) end,
    io:format("main alive: ~p~n", [is_process_alive(Self)]),
    ok.
