%% krarup's hot-loading helpers (docs/code-loading.md): reload/4 (purge, load, report in one call),
%% purge/2 and report/1, the process that serves the embedder's CodeLoader (host_reload/1), and
%% apply_loaded/3, through which a call continues after autoloading its module.
%% Builtins used here: load/3, code_info/1, loaded/0 (interpreter), set_path/1, is_dir/1,
%% host_request/1, host_reply/3, last_old/1, set_last_old/2 (natives).
-module(krarup_code).
-export([reload/4, purge/2, report/1, host_reload/1, apply_loaded/3, users/1]).

%% Purges Mod's old code (hard: killing the processes in it; soft: only if none is), then loads
%% Bin as its new current version. {Result, Report}; Result is code:load_binary/3's.
reload(Mod, File, Bin, Purge) when is_atom(Mod), is_binary(Bin), (Purge =:= soft orelse Purge =:= hard) ->
    Moved = moved(Mod),
    case purge(Mod, Purge) of
        {false, #{old := [_ | _]} = Report} when Purge =:= soft ->
            {{error, not_purged}, Report#{moved := Moved}};
        {_, #{killed := Killed}} ->
            Result = code:load_binary(Mod, File, Bin),
            Old = users(Mod),
            set_last_old(Mod, Old),
            {Result, #{module => Mod, killed => Killed, old => infos(Old), moved => Moved}}
    end.

%% The processes the last report listed as in Mod's old code that have left it (alive).
moved(Mod) ->
    Old = users(Mod),
    infos([P || P <- last_old(Mod), not lists:member(P, Old), is_process_alive(P)]).

%% code:purge/1 (hard) or code:soft_purge/1 (soft), with a report: {Result, Report}.
purge(Mod, Purge) when is_atom(Mod) ->
    case erlang:check_old_code(Mod) of
        false ->
            {Purge =:= soft, report(Mod, [], [])};
        true ->
            Users = users(Mod),
            case Purge of
                soft when Users =/= [] ->
                    {false, report(Mod, [], infos(Users))};
                soft ->
                    erlang:purge_module(Mod),
                    {true, report(Mod, [], [])};
                hard ->
                    Infos = infos(Users),
                    kill_all(Users),
                    erlang:purge_module(Mod),
                    {Users =/= [], report(Mod, Infos, [])}
            end
    end.

%% Who runs Mod's old code now (old), and who the last reload report named but has left it
%% (moved). Changes nothing.
report(Mod) when is_atom(Mod) ->
    #{module => Mod, killed => [], old => infos(users(Mod)), moved => moved(Mod)}.

%% The processes (but the caller) whose stacks are in Mod's old code.
users(Mod) ->
    case erlang:check_old_code(Mod) of
        false -> [];
        true -> [P || P <- processes(), P =/= self(), erlang:check_process_code(P, Mod)]
    end.

report(Mod, Killed, Old) ->
    #{module => Mod, killed => Killed, old => Old, moved => []}.

infos(Pids) ->
    [I || P <- Pids, I <- [info(P)], I =/= undefined].

info(P) ->
    case {erlang:process_info(P, registered_name), erlang:process_info(P, initial_call),
          erlang:process_info(P, current_function)} of
        {undefined, _, _} -> undefined;
        {_, undefined, _} -> undefined;
        {Reg, {initial_call, Init}, Cur} ->
            Name = case Reg of {registered_name, N} -> N; _ -> [] end,
            Current = case Cur of {current_function, C} -> C; _ -> undefined end,
            #{pid => P, registered_name => Name, initial_call => Init,
              current_function => Current}
    end.

kill_all(Pids) ->
    Refs = [erlang:monitor(process, P) || P <- Pids],
    [exit(P, kill) || P <- Pids],
    [receive {'DOWN', R, process, _, _} -> ok end || R <- Refs],
    ok.

%% Serves the embedder's CodeLoader request Id (sched::loading::CodeLoader::reload).
host_reload(Id) ->
    case host_request(Id) of
        false ->
            ok;
        {Mod, File, Bin, Purge} ->
            {Result, Report} =
                try reload(Mod, File, Bin, Purge)
                catch _:_ -> {{error, badfile}, report(Mod, [], [])}
                end,
            #{killed := K, old := O, moved := M} = Report,
            Entries = [entry(killed, I) || I <- K] ++ [entry(old, I) || I <- O]
                ++ [entry(moved, I) || I <- M],
            host_reply(Id, Result, Entries)
    end.

entry(Kind, #{pid := P, registered_name := N, initial_call := I, current_function := C}) ->
    {Kind, P, N, mfa(I), case C of undefined -> []; _ -> mfa(C) end}.

mfa({M, F, A}) -> lists:flatten(io_lib:format("~w:~w/~w", [M, F, A]));
mfa(Other) -> lists:flatten(io_lib:format("~w", [Other])).

%% A call to Mod:F(Args) after its module was autoloaded: yield first, so the call runs on the
%% code snapshot that has the module.
apply_loaded(Mod, F, Args) ->
    krarup_code:refresh(),
    erlang:apply(Mod, F, Args).

last_old(Mod) -> krarup_code:last_old(Mod).
set_last_old(Mod, Pids) -> krarup_code:set_last_old(Mod, Pids).
host_request(Id) -> krarup_code:host_request(Id).
host_reply(Id, Result, Entries) -> krarup_code:host_reply(Id, Result, Entries).
