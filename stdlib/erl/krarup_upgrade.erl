%% krarup_upgrade: the soft upgrade of one behaviour module in a running system, as a release
%% upgrade does it for one module (krarup only; spec.md, docs/watch.md): suspend the processes
%% whose callback module it is (gen_server, gen_statem), load the new version, call their
%% code_change/3 through sys:change_code/4, resume them, and return the reload report.
-module(krarup_upgrade).

-export([upgrade/1, upgrade/3, upgrade/4, servers/1, report_text/1]).

%% upgrade/4 with the object code on the code path (code:get_object_code/1) and Extra = [].
upgrade(Mod) when is_atom(Mod) ->
    case code:get_object_code(Mod) of
        {Mod, Bin, File} -> upgrade(Mod, File, Bin, []);
        error -> {{error, nofile}, report(Mod)}
    end.

upgrade(Mod, File, Bin) -> upgrade(Mod, File, Bin, []).

%% Upgrades Mod to the object code Bin (File is what code:which/1 will show):
%% {Result, Report}. Result is code:load_binary/3's ({module, Mod} or {error, Reason}); nothing
%% is loaded ({error, not_purged}) while a process still runs Mod's old code, which the report's
%% old list names. Report is krarup_code:reload/4's with two more keys: upgraded, the servers
%% whose code_change/3 returned {ok, NewState}, and failed, [{Proc, Reason}] for those whose
%% sys:change_code/4 failed (they run the new code on their old state). Each server is
%% suspended from before the load until after its code_change/3, so no callback of the new
%% version ever sees an old state. OldVsn, code_change/3's first argument, is the old version's
%% -vsn (undefined without one).
upgrade(Mod, File, Bin, Extra) when is_atom(Mod), is_binary(Bin) ->
    OldVsn = vsn(Mod),
    Suspended = [P || P <- servers(Mod), suspend(P)],
    {Result, Report} = krarup_code:reload(Mod, File, Bin, soft),
    Changes = case Result of
                  {module, Mod} -> [{P, change(P, Mod, OldVsn, Extra)} || P <- Suspended];
                  _ -> []
              end,
    [catch sys:resume(P) || P <- Suspended],
    Upgraded = [I || {P, ok} <- Changes, I <- info(P)],
    Failed = [{I, R} || {P, {error, R}} <- Changes, I <- info(P)],
    {Result, Report#{upgraded => Upgraded, failed => Failed}}.

%% The live processes whose behaviour callback module is Mod (their proc_lib initial call is
%% Mod:init/1), in pid order.
servers(Mod) ->
    lists:sort([P || P <- processes(), P =/= self(),
                     (catch proc_lib:translate_initial_call(P)) =:= {Mod, init, 1}]).

%% The text of an upgrade report: c:report_text/1's lines, then one line per upgraded server
%% ("room: code_change <0.90.0> (room_lobby)") and per failure.
report_text(#{module := Mod} = Report) ->
    [c:report_text(Report),
     [io_lib:format("~w: code_change ~s~n", [Mod, name(I)])
      || I <- maps:get(upgraded, Report, [])],
     [io_lib:format("~w: code_change failed in ~s: ~tp~n", [Mod, name(I), R])
      || {I, R} <- maps:get(failed, Report, [])]].

name(#{pid := P, registered_name := []}) -> io_lib:format("~w", [P]);
name(#{pid := P, registered_name := N}) -> io_lib:format("~w (~w)", [P, N]).

suspend(P) ->
    try sys:suspend(P) of
        ok -> true
    catch
        _:_ -> false
    end.

change(P, Mod, OldVsn, Extra) ->
    try sys:change_code(P, Mod, OldVsn, Extra) of
        ok -> ok;
        {error, R} -> {error, R};
        Other -> {error, Other}
    catch
        _:R -> {error, R}
    end.

vsn(Mod) ->
    try Mod:module_info(attributes) of
        Attrs ->
            case lists:keyfind(vsn, 1, Attrs) of
                {vsn, [V]} -> V;
                {vsn, V} -> V;
                false -> undefined
            end
    catch
        _:_ -> undefined
    end.

report(Mod) -> #{module => Mod, killed => [], old => [], moved => [], upgraded => [], failed => []}.

info(P) ->
    case {erlang:process_info(P, registered_name), erlang:process_info(P, initial_call),
          erlang:process_info(P, current_function)} of
        {undefined, _, _} -> [];
        {Reg, {initial_call, Init}, Cur} ->
            Name = case Reg of {registered_name, N} -> N; _ -> [] end,
            Current = case Cur of {current_function, C} -> C; _ -> undefined end,
            [#{pid => P, registered_name => Name, initial_call => Init,
               current_function => Current}];
        _ -> []
    end.
