%% c: the shell's commands of OTP 25's c module. The code helpers (c/1,2, l/1, nl/1, lm/0, mm/0,
%% lc/1, nc/1,2) compile with compile:file/2 and load through krarup_code:reload/4
%% (docs/code-loading.md); the others (help/0, i/0,1,3, ni/0, pid/3, regs/0, nregs/0, m/0,1,
%% memory/0,1, bt/1, flush/0, pwd/0, cd/1, ls/0,1, q/0, uptime/0, xm/1, y/1,2) print what OTP's
%% print, in its layout (spec.md lists the differences). Beyond OTP: c/1,2, l/1
%% and lm/0 print the reload report of each module they load, one line per process it concerns
%% ("m: killed <0.84.0> (name) started as m:init/0, in m:loop/0"; "still in old code"; "moved to
%% new code"), and nothing when no process was concerned, so their output is OTP's then.
-module(c).

-export([c/1, c/2, l/1, nl/1, lm/0, mm/0, report_text/1]).
-export([help/0, lc/1, nc/1, nc/2, i/0, i/1, i/3, ni/0, pid/3, regs/0, nregs/0, m/0, m/1,
         memory/0, memory/1, bt/1, flush/0, pwd/0, cd/1, ls/0, ls/1, q/0, uptime/0, xm/1,
         y/1, y/2, appcall/4]).

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

%% ---- compiling lists of files ----

%% Compiles each file (erlc's command-line form: atoms or strings) into the current directory,
%% loading none: ok, or error for a bad `@d` definition.
lc(Files) when is_list(Files) ->
    case lc_options(Files, [], []) of
        error -> error;
        {Opts, Sources} ->
            lists:foreach(fun(F) -> compile:file(F, [report_errors, report_warnings | Opts]) end,
                          Sources)
    end.

lc_options(['@i', Dir | T], Opts, Files) -> lc_options(T, [{i, to_list(Dir)} | Opts], Files);
lc_options(['@o', Dir | T], Opts, Files) ->
    lc_options(T, [{outdir, to_list(Dir)} | Opts], Files);
lc_options(['@d', Def | T], Opts, Files) ->
    case string:split(to_list(Def), "=") of
        [Name] -> lc_options(T, [{d, list_to_atom(Name)} | Opts], Files);
        [_Name, _Value] ->
            io:format("~ts: macro values are not supported here~n", [to_list(Def)]),
            error
    end;
lc_options([File | T], Opts, Files) -> lc_options(T, Opts, [File | Files]);
lc_options([], Opts, Files) -> {lists:reverse(Opts), lists:reverse(Files)}.

to_list(A) when is_atom(A) -> atom_to_list(A);
to_list(L) -> L.

%% c/1,2 on every node; there is one node.
nc(File) -> nc(File, []).

nc(File, Opts) -> c(File, Opts).

%% ---- help ----

%% The text OTP 25's c:help/0 prints.
help() ->
    io:put_chars(<<"bt(Pid)    -- stack backtrace for a process\n"
                   "c(Mod)     -- compile and load module or file <Mod>\n"
                   "cd(Dir)    -- change working directory\n"
                   "flush()    -- flush any messages sent to the shell\n"
                   "help()     -- help info\n"
                   "h(M)       -- module documentation\n"
                   "h(M,F)     -- module function documentation\n"
                   "h(M,F,A)   -- module function arity documentation\n"
                   "i()        -- information about the system\n"
                   "ni()       -- information about the networked system\n"
                   "i(X,Y,Z)   -- information about pid <X,Y,Z>\n"
                   "l(Module)  -- load or reload module\n"
                   "lm()       -- load all modified modules\n"
                   "lc([File]) -- compile a list of Erlang modules\n"
                   "ls()       -- list files in the current directory\n"
                   "ls(Dir)    -- list files in directory <Dir>\n"
                   "m()        -- which modules are loaded\n"
                   "m(Mod)     -- information about module <Mod>\n"
                   "mm()       -- list all modified modules\n"
                   "memory()   -- memory allocation information\n"
                   "memory(T)  -- memory allocation information of type <T>\n"
                   "nc(File)   -- compile and load code in <File> on all nodes\n"
                   "nl(Module) -- load module on all nodes\n"
                   "pid(X,Y,Z) -- convert X,Y,Z to a Pid\n"
                   "pwd()      -- print working directory\n"
                   "q()        -- quit - shorthand for init:stop()\n"
                   "regs()     -- information about registered processes\n"
                   "nregs()    -- information about all registered processes\n"
                   "uptime()   -- print node uptime\n"
                   "xm(M)      -- cross reference check a module\n"
                   "y(File)    -- generate a Yecc parser\n">>).

%% ---- processes ----

%% The process table: two lines per process (pid, initial call, heap words, reductions, queued
%% messages; registered name, current function, stack words), then the totals. Unlike OTP,
%% never pauses to ask "more (y/n)?".
i() -> i(processes()).

%% ni/0 lists the processes of every node: this one.
ni() -> i(processes()).

i(Pids) when is_list(Pids) ->
    proc_columns("Pid", "Initial Call", "Heap", "Reds", "Msgs"),
    proc_columns("Registered", "Current Function", "Stack", "", ""),
    {Reds, Msgs, Heap, Stack} =
        lists:foldl(fun(Pid, {R, M, H, S}) ->
                            {R1, M1, H1, S1} = proc_entry(Pid),
                            {R + R1, M + M1, H + H1, S + S1}
                    end, {0, 0, 0, 0}, Pids),
    proc_columns("Total", "", w(Heap), w(Reds), w(Msgs)),
    proc_columns("", "", w(Stack), "", "").

proc_entry(Pid) ->
    case proc_info(Pid) of
        undefined -> {0, 0, 0, 0};
        Info ->
            [Reds, Msgs, Heap, Stack] =
                [info(K, Info) || K <- [reductions, message_queue_len, heap_size, stack_size]],
            proc_columns(w(Pid), mfa_text(initial_call(Info)), w(Heap), w(Reds), w(Msgs)),
            Name = case info(registered_name, Info) of
                       0 -> "";
                       N -> io_lib:format("~tw", [N])
                   end,
            proc_columns(Name, mfa_text(info(current_function, Info)), w(Stack), "", ""),
            {Reds, Msgs, Heap, Stack}
    end.

proc_columns(A, B, C, D, E) -> io:format("~-21ts ~-33ts ~8s ~8s ~4s~n", [A, B, C, D, E]).

%% What c reads of a process, as a property list (no registered_name when it has none), or
%% undefined when it is not alive.
proc_info(Pid) ->
    Keys = [registered_name, current_function, initial_call, message_queue_len, dictionary,
            heap_size, stack_size, reductions],
    case erlang:process_info(Pid, Keys) of
        undefined -> undefined;
        Info -> [KV || {K, V} = KV <- Info, not (K =:= registered_name andalso V =:= [])]
    end.

info(Key, Info) ->
    case lists:keyfind(Key, 1, Info) of
        {Key, Value} -> Value;
        false -> 0
    end.

%% A process started by proc_lib shows the function it was started with.
initial_call(Info) ->
    case info(initial_call, Info) of
        {proc_lib, init_p, _} = Call ->
            Dict = case info(dictionary, Info) of
                       0 -> [];
                       D -> D
                   end,
            case lists:keyfind('$initial_call', 1, Dict) of
                {_, {_, _, _} = MFA} -> MFA;
                _ -> Call
            end;
        Call -> Call
    end.

mfa_text({M, F, Args}) when is_list(Args) -> mfa_text({M, F, length(Args)});
mfa_text({M, F, A}) -> io_lib:format("~w:~tw/~w", [M, F, A]);
mfa_text(Other) -> w(Other).

w(Term) -> io_lib:write(Term).

%% pid(X, Y, Z) -> list_to_pid("<X.Y.Z>"); badarg unless all three are integers.
pid(X, Y, Z) ->
    list_to_pid("<" ++ integer_to_list(X) ++ "." ++ integer_to_list(Y) ++ "."
                ++ integer_to_list(Z) ++ ">").

%% process_info/1 of <X.Y.Z>: undefined when it is not alive.
i(X, Y, Z) -> erlang:process_info(pid(X, Y, Z)).

%% The registered processes, sorted by name, then the registered ports (krarup has none).
regs() -> node_regs(node(), registered()).

%% regs/0 for every node: this one.
nregs() -> regs().

node_regs(Node, Names) ->
    io:format("~n** Registered procs on node ~w **~n", [Node]),
    reg_columns("Name", "Pid", "Initial Call", "Reds", "Msgs"),
    lists:foreach(fun(Name) -> reg_entry(Name, whereis(Name)) end, lists:sort(Names)),
    io:format("~n** Registered ports on node ~w **~n", [Node]),
    io:format("~-21ts ~-15s ~-40ts~n", ["Name", "Id", "Command"]).

reg_entry(Name, Pid) when is_pid(Pid) ->
    case proc_info(Pid) of
        undefined -> ok;
        Info ->
            reg_columns(io_lib:format("~tw", [Name]), w(Pid), mfa_text(initial_call(Info)),
                        integer_to_list(info(reductions, Info)),
                        integer_to_list(info(message_queue_len, Info)))
    end;
reg_entry(_, _) -> ok.

reg_columns(A, B, C, D, E) -> io:format("~-21ts ~-12s ~-25ts ~12s ~4s~n", [A, B, C, D, E]).

%% The call stack of Pid on standard_error (where OTP's erlang:process_display/2 writes), one
%% frame a line, innermost first: ok, or undefined when Pid is not a live process. OTP prints
%% the emulator's raw frames (addresses and Y registers); krarup prints the Erlang frames.
bt(Pid) when is_pid(Pid) ->
    case catch erlang:process_info(Pid, current_stacktrace) of
        {current_stacktrace, Frames} ->
            io:format(standard_error, "~ts", [[frame_text(F) || F <- Frames]]);
        _ -> undefined
    end;
bt(_) -> undefined.

frame_text({M, F, A, Loc}) ->
    Where = case {proplists:get_value(file, Loc), proplists:get_value(line, Loc)} of
                {undefined, _} -> "";
                {File, undefined} -> io_lib:format(" (~ts)", [File]);
                {File, Line} -> io_lib:format(" (~ts, line ~w)", [File, Line])
            end,
    [mfa_text({M, F, A}), Where, $\n].

%% Prints the messages queued for the calling process ("Shell got Msg"), removing them.
flush() ->
    receive
        Msg ->
            case lists:keyfind(encoding, 1, io:getopts()) of
                {encoding, unicode} -> io:format("Shell got ~tp~n", [Msg]);
                _ -> io:format("Shell got ~p~n", [Msg])
            end,
            flush()
    after 0 -> ok
    end.

%% Stops the system (init:stop/0).
q() -> init:stop().

%% How long the system has run: "N days, N hours, N minutes and N seconds", leaving out the
%% leading units that are zero.
uptime() ->
    {Ms, _} = erlang:statistics(wall_clock),
    {D, {H, M, S}} = calendar:seconds_to_daystime(Ms div 1000),
    Parts = [io_lib:format("~w days, ", [D]) || D > 0]
        ++ [io_lib:format("~w hours, ", [H]) || D + H > 0]
        ++ [io_lib:format("~w minutes and ", [M]) || D + H + M > 0]
        ++ [io_lib:format("~w seconds", [S])],
    io:format("~s~n", [lists:flatten(Parts)]).

%% ---- modules ----

%% The loaded modules, sorted, with their object files.
m() ->
    Row = fun(A, B) -> io:format("~-20s  ~ts\n", [A, B]) end,
    Row("Module", "File"),
    lists:foreach(fun({Mod, File}) -> Row(Mod, File) end, lists:sort(code:all_loaded())).

%% Module Mod's MD5 (when it has one), object file, compiler options and exports.
m(Mod) ->
    Info = Mod:module_info(),
    {exports, Exports} = lists:keyfind(exports, 1, Info),
    io:format("Module: ~w~n", [Mod]),
    case lists:keyfind(md5, 1, Info) of
        {md5, <<MD5:128>>} -> io:format("MD5: ~.16b~n", [MD5]);
        _ -> ok
    end,
    case code:is_loaded(Mod) of
        {file, File} -> io:format("Object file: ~ts\n", [File]);
        false -> ok
    end,
    Options = case lists:keyfind(compile, 1, Info) of
                  {compile, Compile} when is_list(Compile) ->
                      proplists:get_value(options, Compile, []);
                  _ -> []
              end,
    io:format("Compiler options:  ~p~n", [Options]),
    io:format("Exports: ~n", []),
    export_lines(lists:keysort(1, Exports)).

%% Up to 16 exports one a line; more in two columns, the first half on the left.
export_lines(Exports) when length(Exports) > 16 ->
    {Left, Right} = lists:split(length(Exports) div 2, Exports),
    two_columns(Left, Right);
export_lines(Exports) ->
    lists:foreach(fun({F, A}) -> io:format("         ~tw/~w~n", [F, A]) end, Exports).

two_columns([], []) -> ok;
two_columns(Left, [{F, A} | Right]) ->
    {Text, Rest} = case Left of
                       [] -> {" ", []};
                       [{F1, A1} | T] -> {lists:flatten(io_lib:format("~tw/~w", [F1, A1])), T}
                   end,
    io:format("~-30ts~tw/~w~n", [Text, F, A]),
    two_columns(Rest, Right).

%% erlang:memory/0,1.
memory() -> erlang:memory().

memory(Type) -> erlang:memory(Type).

%% ---- files ----

%% Prints the current working directory.
pwd() ->
    case file:get_cwd() of
        {ok, Dir} -> ok = io:format("~ts\n", [Dir]);
        {error, _} -> ok = io:format("Cannot determine current directory\n")
    end.

%% Changes the working directory (silently keeping it when that fails), then prints it.
cd(Dir) ->
    _ = file:set_cwd(Dir),
    pwd().

ls() -> ls(".").

%% The names in directory Dir, sorted, in columns; a file's own name; or why it cannot be
%% listed.
ls(Dir) ->
    case file:list_dir(Dir) of
        {ok, Names} -> columns(lists:sort(Names));
        {error, enotdir} when is_list(Dir) -> columns([lists:flatten(Dir)]);
        {error, enotdir} -> columns([Dir]);
        {error, Reason} -> io:format("~ts\n", [file:format_error(Reason)])
    end.

%% Names left-aligned in columns as wide as the longest (at most 40) plus 5, starting a new line
%% before a column would reach the 80th.
columns([]) -> ok;
columns(Names) ->
    Longest = lists:max([length(name_text(N)) || N <- Names]),
    Width = min(Longest, 40) + 5,
    columns(Names, Width, 0).

%% As OTP, a full last line is followed by an empty one.
columns(Names, Width, Used) when Used + Width >= 80 ->
    io:nl(),
    columns(Names, Width, 0);
columns([], _, _) -> io:nl();
columns([Name | Rest], Width, Used) ->
    io:format("~-*ts", [Width, Name]),
    columns(Rest, Width, Used + Width).

name_text(A) when is_atom(A) -> atom_to_list(A);
name_text(S) -> S.

%% ---- tools krarup does not have ----

%% xref's module check and the yecc parser generator belong to applications krarup does not
%% ship: as OTP when an application is missing, a line says the call failed.
xm(Mod) -> appcall(tools, xref, m, [Mod]).

y(File) -> y(File, []).

y(File, Opts) -> appcall(parsetools, yecc, file, [File, Opts]).

%% Mod:Fun(Args...), or the message that App is missing when Mod:Fun is undefined.
appcall(App, Mod, Fun, Args) ->
    try apply(Mod, Fun, Args)
    catch error:undef:Stack ->
            case Stack of
                [{Mod, Fun, Args, _} | _] ->
                    io:format("Call to ~w:~w/~w in application ~w failed.\n",
                              [Mod, Fun, length(Args), App]);
                _ -> erlang:raise(error, undef, Stack)
            end
    end.
