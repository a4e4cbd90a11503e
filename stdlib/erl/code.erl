%% The code server's API over the loading builtins (docs/code-loading.md), with OTP 25's results
%% (/work/shared/reference/otp25-behaviour.md §1.2). Object code is krarup's `.kbc`; the code
%% path is a list of directories holding such files (get_path/0 is a builtin). There is no code
%% server process: each call works in the caller, and loads are serialised by the VM.
-module(code).
-export([load_file/1, load_binary/3, ensure_loaded/1, purge/1, soft_purge/1, delete/1,
         is_loaded/1, which/1, all_loaded/0, get_object_code/1, module_status/0,
         module_status/1, modified_modules/0, add_path/1, add_patha/1, add_pathz/1,
         add_paths/1, add_pathsa/1, add_pathsz/1, del_path/1, set_path/1, is_sticky/1,
         get_mode/0, where_is_file/1, objfile_extension/0]).

objfile_extension() -> ".kbc".

get_mode() -> interactive.

load_file(Mod) when is_atom(Mod) ->
    case is_sticky(Mod) of
        true ->
            sticky_error(Mod);
        false ->
            case find_object(Mod) of
                {ok, File, Bin} -> load(Mod, File, Bin);
                error -> {error, nofile}
            end
    end.

%% OTP 25's code server purges old code (killing the processes in it) before it loads a binary;
%% load_file/1 refuses with not_purged instead.
load_binary(Mod, File, Bin) when is_atom(Mod), (is_list(File) orelse is_atom(File)), is_binary(Bin) ->
    case is_sticky(Mod) of
        true ->
            sticky_error(Mod);
        false ->
            _ = krarup_code:purge(Mod, hard),
            load(Mod, file_name(File), Bin)
    end.

load(Mod, File, Bin) ->
    case krarup_code:load(Mod, File, Bin) of
        {on_load, Mod} -> on_load(Mod);
        Result -> Result
    end.

%% Runs Mod's -on_load function in a process of its own, as OTP 25's code server does: ok keeps
%% the new code, anything else (or a crash) drops it with a warning.
on_load(Mod) ->
    Self = self(),
    {Pid, Ref} = spawn_monitor(fun() -> Self ! {self(), on_load, krarup_code:call_on_load(Mod)} end),
    Result = receive
                 {Pid, on_load, R} -> {returned, R};
                 {'DOWN', Ref, process, Pid, Why} -> {crashed, Why}
             end,
    erlang:demonitor(Ref, [flush]),
    case Result of
        {returned, ok} ->
            krarup_code:finish_on_load(Mod, true),
            {module, Mod};
        {returned, Other} ->
            krarup_code:finish_on_load(Mod, false),
            error_logger:warning_msg("The on_load function for module ~w returned:~n~tp~n",
                                     [Mod, Other]),
            {error, on_load_failure};
        {crashed, _} ->
            krarup_code:finish_on_load(Mod, false),
            error_logger:warning_msg("The on_load function for module ~w returned:~n~tp~n",
                                     [Mod, undefined]),
            {error, on_load_failure}
    end.

file_name(F) when is_atom(F) -> atom_to_list(F);
file_name(F) -> F.

sticky_error(Mod) ->
    error_logger:error_msg("Can't load module '~w' that resides in sticky dir\n", [Mod]),
    {error, sticky_directory}.

ensure_loaded(Mod) when is_atom(Mod) ->
    case erlang:module_loaded(Mod) of
        true -> {module, Mod};
        false ->
            case find_object(Mod) of
                {ok, File, Bin} -> load(Mod, File, Bin);
                error -> {error, nofile}
            end
    end.

purge(Mod) when is_atom(Mod) ->
    {Result, _Report} = krarup_code:purge(Mod, hard),
    Result.

soft_purge(Mod) when is_atom(Mod) ->
    {Result, _Report} = krarup_code:purge(Mod, soft),
    Result.

delete(Mod) when is_atom(Mod) ->
    case catch erlang:delete_module(Mod) of
        true -> true;
        _ -> false
    end.

is_loaded(Mod) when is_atom(Mod) ->
    case krarup_code:code_info(Mod) of
        false -> false;
        {File, _} -> {file, File}
    end.

which(Mod) when is_atom(Mod) ->
    case krarup_code:code_info(Mod) of
        {File, _} -> File;
        false ->
            case find_file(atom_to_list(Mod) ++ ".kbc") of
                {ok, Path} -> Path;
                error -> non_existing
            end
    end.

where_is_file(Name) when is_list(Name) ->
    case find_file(Name) of
        {ok, Path} -> Path;
        error -> non_existing
    end.

all_loaded() ->
    krarup_code:loaded().

get_object_code(Mod) when is_atom(Mod) ->
    case find_object(Mod) of
        {ok, File, Bin} -> {Mod, Bin, File};
        error -> error
    end.

module_status() ->
    module_status([M || {M, _} <- all_loaded()]).

module_status(Mods) when is_list(Mods) ->
    [{M, module_status(M)} || M <- Mods];
module_status(Mod) when is_atom(Mod) ->
    case krarup_code:code_info(Mod) of
        false -> not_loaded;
        {preloaded, _} -> loaded;
        {File, Loaded} ->
            case file:read_file(File) of
                {ok, Loaded} -> loaded;
                {ok, _} -> modified;
                {error, _} -> removed
            end
    end.

modified_modules() ->
    [M || {M, modified} <- module_status()].

add_path(Dir) -> add_pathz(Dir).

add_pathz(Dir) when is_list(Dir) ->
    case krarup_code:is_dir(Dir) of
        true ->
            Path = get_path(),
            case lists:member(Dir, Path) of
                true -> true;
                false -> krarup_code:set_path(Path ++ [Dir]), true
            end;
        false ->
            {error, bad_directory}
    end.

add_patha(Dir) when is_list(Dir) ->
    case krarup_code:is_dir(Dir) of
        true ->
            krarup_code:set_path([Dir | lists:delete(Dir, get_path())]),
            true;
        false ->
            {error, bad_directory}
    end.

add_paths(Dirs) -> add_pathsz(Dirs).

add_pathsz(Dirs) when is_list(Dirs) ->
    [add_pathz(D) || D <- Dirs],
    ok.

add_pathsa(Dirs) when is_list(Dirs) ->
    [add_patha(D) || D <- lists:reverse(Dirs)],
    ok.

del_path(Dir) when is_list(Dir) ->
    Path = get_path(),
    case lists:member(Dir, Path) of
        true -> krarup_code:set_path(lists:delete(Dir, Path)), true;
        false -> false
    end.

set_path(Dirs) when is_list(Dirs) ->
    case lists:all(fun(D) -> is_list(D) andalso krarup_code:is_dir(D) end, Dirs) of
        true -> krarup_code:set_path(Dirs), true;
        false -> {error, bad_directory}
    end.

%% The embedded stdlib and the modules with builtins (erlang, lists, ...) are sticky, as OTP's
%% kernel and stdlib directories are.
is_sticky(Mod) when is_atom(Mod) ->
    krarup_code:is_sticky(Mod) orelse lists:member(Mod, erlang:pre_loaded()).

get_path() -> code:get_path().

find_file(Name) ->
    find_file(Name, get_path()).

find_file(Name, Dirs) ->
    case find_object(Name, Dirs) of
        {ok, Path, _} -> {ok, Path};
        error -> error
    end.

find_object(Mod) ->
    find_object(atom_to_list(Mod) ++ ".kbc", get_path()).

find_object(_Name, []) -> error;
find_object(Name, [Dir | Dirs]) ->
    Path = filename_join(Dir, Name),
    case file:read_file(Path) of
        {ok, Bin} -> {ok, Path, Bin};
        _ -> find_object(Name, Dirs)
    end.

filename_join(Dir, Name) ->
    case lists:last(Dir) of
        $/ -> Dir ++ Name;
        _ -> Dir ++ "/" ++ Name
    end.
