%% c: the shell's code helpers of OTP 25 (c/1,2, l/1, nl/1, lm/0, mm/0) over compile:file/2
%% and krarup_code:reload/4 (docs/code-loading.md). Beyond OTP: c/1,2, l/1 and lm/0 print the
%% reload report of each module they load, one line per process it concerns
%% ("m: killed <0.84.0> (name) started as m:init/0, in m:loop/0"; "still in old code"; "moved to
%% new code"), and nothing when no process was concerned, so their output is OTP's then.
-module(c).

-export([c/1, c/2, l/1, nl/1, lm/0, mm/0, report_text/1]).

c(File) -> c(File, []).

%% Compiles File (".erl" optional) into the current directory or {outdir, D}, then purges the
%% module's old code and loads the new: {ok, Mod}, error (diagnostics printed), or
%% {error, non_existing} when there is no such source file.
c(File, Opt) when is_atom(Opt) -> c(File, [Opt]);
c(File0, Opts0) when is_list(Opts0) ->
    File = src(File0),
    case filelib:is_regular(File) of
        false -> {error, non_existing};
        true ->
            Opts = [report_errors, report_warnings, binary
                    | [O || O <- Opts0, O =/= return, O =/= return_errors,
                            O =/= return_warnings, O =/= binary]],
            case compile:file(File, Opts) of
                {ok, Mod, Bin} ->
                    Obj = obj_file(File, Opts0),
                    case file:write_file(Obj, Bin) of
                        ok ->
                            case reload(Mod, Obj, Bin) of
                                {module, Mod} -> {ok, Mod};
                                Error -> Error
                            end;
                        {error, Reason} ->
                            io:format("~ts: error writing file: ~ts~n",
                                      [Obj, file:format_error(Reason)]),
                            error
                    end;
                _ -> error
            end
    end.

%% Purges Mod's old code (killing the processes in it) and loads Mod from the code path:
%% {module, Mod} or {error, Reason} (nofile when it is on no path directory).
l(Mod) when is_atom(Mod) ->
    case code:get_object_code(Mod) of
        {Mod, Bin, File} -> reload(Mod, File, Bin);
        error -> {error, nofile}
    end.

%% On a node that is not distributed, as OTP: l/1 here, then abcast.
nl(Mod) when is_atom(Mod) ->
    case l(Mod) of
        {module, _} -> abcast;
        Error -> Error
    end.

%% The modules whose object file on disk differs from the loaded version.
mm() -> code:modified_modules().

%% Reloads every module mm/0 lists: [{module, Mod} | {error, Reason}].
lm() -> [l(M) || M <- mm()].

reload(Mod, File, Bin) ->
    {Result, Report} = krarup_code:reload(Mod, File, Bin, hard),
    io:put_chars(report_text(Report)),
    Result.

%% The text of a reload report (krarup_code:reload/4): one line per process, "" if none.
report_text(#{module := Mod, killed := Killed, old := Old, moved := Moved}) ->
    [[io_lib:format("~w: ~s ~s~n", [Mod, What, proc_text(P)]) || P <- Ps]
     || {What, Ps} <- [{"killed", Killed}, {"still in old code", Old},
                       {"moved to new code", Moved}]].

proc_text(#{pid := Pid, registered_name := Name, initial_call := Init,
            current_function := Cur}) ->
    [io_lib:format("~w", [Pid]),
     case Name of
         [] -> "";
         _ -> io_lib:format(" (~w)", [Name])
     end,
     " started as ", mfa(Init),
     case Cur of
         undefined -> "";
         _ -> [", in ", mfa(Cur)]
     end].

mfa({M, F, A}) -> io_lib:format("~w:~w/~w", [M, F, A]);
mfa(Other) -> io_lib:format("~w", [Other]).

src(File) when is_atom(File) -> src(atom_to_list(File));
src(File) ->
    F = filename:flatten(File),
    case filename:extension(F) of
        ".erl" -> F;
        _ -> F ++ ".erl"
    end.

obj_file(File, Opts) ->
    Dir = case [D || {outdir, D} <- Opts] of
              [D | _] -> D;
              [] -> "."
          end,
    filename:join(Dir, filename:basename(File, ".erl") ++ ".kbc").
