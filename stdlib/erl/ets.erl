%% ets: the parts of OTP 25's ets module written in Erlang. The table builtins themselves
%% (new/2, insert/2, lookup/2, select/2, ...) are natives of the VM (vm/src/ets/); this module
%% adds the folds, give_away/3 (the owner change is native, the message is sent here) and
%% fun2ms/1 for a fun the compiler did not transform.
-module(ets).
-export([foldl/3, foldr/3, give_away/3, fun2ms/1]).

%% foldl(Fun, Acc0, Tab): Fun(Object, Acc) over every object, in table order.
foldl(F, Acc, T) when is_function(F, 2) ->
    fold(F, Acc, T, ets:first(T), next);
foldl(F, Acc, T) ->
    erlang:error(badarg, [F, Acc, T]).

%% foldr(Fun, Acc0, Tab): as foldl/3 from the last object (the same order but for ordered_set).
foldr(F, Acc, T) when is_function(F, 2) ->
    fold(F, Acc, T, ets:last(T), prev);
foldr(F, Acc, T) ->
    erlang:error(badarg, [F, Acc, T]).

fold(_F, Acc, _T, '$end_of_table', _Dir) ->
    Acc;
fold(F, Acc, T, Key, Dir) ->
    Acc1 = lists:foldl(F, Acc, ets:lookup(T, Key)),
    fold(F, Acc1, T, ets:Dir(T, Key), Dir).

%% give_away(Tab, Pid, GiftData): Pid becomes the owner and gets
%% {'ETS-TRANSFER', Tab, FromPid, GiftData}.
give_away(Tab, Pid, Data) ->
    case is_pid(Pid) andalso Pid =/= self() andalso is_process_alive(Pid) of
        true ->
            case catch krarup_ets:give_away(Tab, Pid) of
                true ->
                    Pid ! {'ETS-TRANSFER', Tab, self(), Data},
                    true;
                _ ->
                    erlang:error(badarg, [Tab, Pid, Data])
            end;
        false ->
            erlang:error(badarg, [Tab, Pid, Data])
    end.

%% fun2ms(LiteralFun): the compiler replaces calls with a literal fun when the module includes
%% ms_transform.hrl; reaching this function means it did not (as in OTP).
fun2ms(ShellFun) when is_function(ShellFun) ->
    {error, transform_not_applied};
fun2ms(X) ->
    erlang:error(badarg, [X]).
