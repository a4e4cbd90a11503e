-module(reload_stress).
-export([main/0]).

%% Safe under load: one process per scheduler calls sm:vsn() in a tight loop while this process
%% reloads sm 1,000 times (ten versions in turn; each old version soft-purged once no process is
%% in it). No looper crashes or sees a value no version returns, and every looper ends on the
%% last version.
main() ->
    Dir = "/tmp/krarup_reload_stress_" ++ os:getpid(),
    ok = file:make_dir(Dir),
    Bins = list_to_tuple([version(Dir, N) || N <- lists:seq(1, 10)]),
    {module, sm} = code:load_binary(sm, "sm.erl", element(1, Bins)),
    Me = self(),
    N = erlang:system_info(schedulers),
    Loopers = [spawn_link(fun() -> loop(Me, 0, 0) end) || _ <- lists:seq(1, N)],
    reload(Bins, 2, 1000),
    Last = sm:vsn(),
    p(last, Last),
    Finals = [begin P ! {stop, self()}, receive {P, Final, Calls} -> {Final, Calls > 0} end end
              || P <- Loopers],
    p(loopers_on_last, lists:usort(Finals) =:= [{Last, true}]),
    p(old_code, erlang:check_old_code(sm)),
    [ok = file:delete(Dir ++ "/" ++ F) || F <- element(2, file:list_dir(Dir))],
    ok = file:del_dir(Dir).

reload(_Bins, _K, 0) ->
    ok;
reload(Bins, K, Left) ->
    soft_purge(sm),
    {module, sm} = erlang:load_module(sm, element(K, Bins)),
    reload(Bins, K rem 10 + 1, Left - 1).

soft_purge(M) ->
    case code:soft_purge(M) of
        true -> ok;
        false -> erlang:yield(), soft_purge(M)
    end.

loop(Parent, _Last, Calls) ->
    V = sm:vsn(),
    case V >= 1 andalso V =< 10 of
        true -> ok;
        false -> exit({wrong_result, V})
    end,
    receive
        {stop, From} -> From ! {self(), sm:vsn(), Calls}
    after 0 ->
        loop(Parent, V, Calls + 1)
    end.

version(Dir, N) ->
    Src = Dir ++ "/sm.erl",
    ok = file:write_file(Src, io_lib:format(
        "-module(sm).~n-export([vsn/0]).~nvsn() -> ~w.~n", [N])),
    {ok, sm, Bin} = compile:file(Src, [binary, return_errors]),
    Bin.

p(Tag, V) -> io:format("~p: ~p~n", [Tag, V]).
