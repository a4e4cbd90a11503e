%% ets: the parts of OTP 25's ets module written in Erlang. The table builtins themselves
%% (new/2, insert/2, lookup/2, select/2, ...) are natives of the VM (vm/src/ets/); this module
%% adds the folds, give_away/3 (the owner change is native, the message is sent here) and
%% fun2ms/1 for a fun the compiler did not transform.
-module(ets).
-export([foldl/3, foldr/3, give_away/3, fun2ms/1]).

%% foldl(Fun, Acc0, Tab): Fun(Object, Acc) over every object, in table order.
foldl(F, Acc, T) ->
    ets:safe_fixtable(T, true),
    try
        fold(F, Acc, T, ets:first(T), next)
    after
        unfix(T)
    end.

%% foldr(Fun, Acc0, Tab): as foldl/3 from the last object (the same order but for ordered_set).
foldr(F, Acc, T) ->
    ets:safe_fixtable(T, true),
    try
        fold(F, Acc, T, ets:last(T), prev)
    after
        unfix(T)
    end.

unfix(T) ->
    catch ets:safe_fixtable(T, false),
    ok.

fold(_F, Acc, _T, '$end_of_table', _Dir) ->
    Acc;
fold(F, Acc, T, Key, Dir) ->
    Acc1 = lists:foldl(F, Acc, ets:lookup(T, Key)),
    fold(F, Acc1, T, ets:Dir(T, Key), Dir).

%% give_away(Tab, Pid, GiftData): Pid becomes the owner and gets
%% {'ETS-TRANSFER', Tab, FromPid, GiftData}.
give_away(Tab, Pid, Data) ->
    Alive = is_pid(Pid) andalso is_process_alive(Pid),
    case krarup_ets:give_away(Tab, Pid, Alive) of
        true ->
            Pid ! {'ETS-TRANSFER', Tab, self(), Data},
            true;
        {error, Cause} ->
            badarg(give_away, [Tab, Pid, Data], Cause)
    end.

%% Raises badarg as the builtin F would: its entry with OTP's error info on top of the
%% caller's stack.
badarg(F, Args, Cause) ->
    Info = case Cause of
               none -> #{module => erl_stdlib_errors};
               _ -> #{cause => Cause, module => erl_stdlib_errors}
           end,
    Stack = try erlang:error(stack) catch error:stack:St -> tl(St) end,
    erlang:raise(error, badarg, [{ets, F, Args, [{error_info, Info}]} | Stack]).

%% fun2ms(LiteralFun): the compiler replaces calls with a literal fun when the module includes
%% ms_transform.hrl; reaching this function means it did not (as in OTP).
fun2ms(ShellFun) when is_function(ShellFun) ->
    {error, transform_not_applied};
fun2ms(X) ->
    erlang:error(badarg, [X]).
