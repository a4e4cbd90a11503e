-module(code_api).
-export([main/0]).

%% The code module over a directory of object files: the code path (add_path, add_patha,
%% del_path, get_path), autoloading a module on the path at its first call, is_loaded, which,
%% all_loaded, get_object_code, module_status/modified_modules as the file changes and goes,
%% load_file/ensure_loaded, sticky modules, preloaded modules, and bad arguments.
main() ->
    logger:set_primary_config(level, none),
    Dir = "/tmp/krarup_code_api_" ++ os:getpid(),
    ok = file:make_dir(Dir),
    Obj = Dir ++ "/ca" ++ code:objfile_extension(),
    write(Dir, 1),
    p(which_off_path, code:which(ca)),
    p(load_off_path, code:load_file(ca)),
    p(ensure_off_path, code:ensure_loaded(ca)),
    p(add_path, code:add_path(Dir)),
    p(on_path, lists:member(Dir, code:get_path())),
    p(add_path_again, code:add_path(Dir)),
    p(once, length([D || D <- code:get_path(), D =:= Dir])),
    p(which_on_path, code:which(ca) =:= Obj),
    p(is_loaded, code:is_loaded(ca)),
    p(status, code:module_status(ca)),
    p(autoload_call, ca:f()),
    p(is_loaded, code:is_loaded(ca) =:= {file, Obj}),
    p(which_loaded, code:which(ca) =:= Obj),
    p(all_loaded, lists:member({ca, Obj}, code:all_loaded())),
    p(status, code:module_status(ca)),
    p(status_list, code:module_status([ca, nosuch_mod])),
    {ca, ObjBin, ObjFile} = code:get_object_code(ca),
    p(object_code, {is_binary(ObjBin), ObjFile =:= Obj}),
    p(no_object_code, code:get_object_code(nosuch_mod)),
    write(Dir, 2),
    p(status, code:module_status(ca)),
    p(modified, code:modified_modules()),
    p(still_v1, ca:f()),
    p(load_file, code:load_file(ca)),
    p(now_v2, ca:f()),
    p(status, code:module_status(ca)),
    p(load_file_old, code:load_file(ca)),
    p(purge, code:purge(ca)),
    p(load_file, code:load_file(ca)),
    p(ensure, code:ensure_loaded(ca)),
    p(ensure_missing, code:ensure_loaded(nosuch_mod)),
    p(load_missing, code:load_file(nosuch_mod)),
    ok = file:delete(Obj),
    p(status_removed, code:module_status(ca)),
    p(modified, code:modified_modules()),
    p(del_path, code:del_path(Dir)),
    p(del_path_again, code:del_path(Dir)),
    p(off_path, lists:member(Dir, code:get_path())),
    p(bad_dir, code:add_path(Dir ++ "/missing")),
    p(bad_dir_a, code:add_patha(Dir ++ "/missing")),
    p(patha, code:add_patha(Dir)),
    p(first, hd(code:get_path()) =:= Dir),
    p(del_path, code:del_path(Dir)),
    p(sticky, {code:is_sticky(lists), code:is_sticky(erlang), code:is_sticky(ca)}),
    p(load_sticky, code:load_file(lists)),
    p(preloaded, {code:is_loaded(erlang), code:which(erlang),
                  lists:member(erlang, erlang:pre_loaded())}),
    p(module_loaded, {erlang:module_loaded(ca), erlang:module_loaded(nosuch_mod)}),
    p(mode, code:get_mode()),
    p(load_string, catch_tag(fun() -> code:load_file("ca") end)),
    p(binary_not_bin, catch_tag(fun() -> code:load_binary(ca, "ca", not_a_binary) end)),
    p(still_v2, ca:f()),
    [ok = file:delete(Dir ++ "/" ++ N) || N <- element(2, file:list_dir(Dir))],
    ok = file:del_dir(Dir).

write(Dir, N) ->
    Src = Dir ++ "/ca.erl",
    ok = file:write_file(Src, io_lib:format("-module(ca).~n-export([f/0]).~nf() -> {v, ~w}.~n", [N])),
    {ok, ca} = compile:file(Src, [{outdir, Dir}]),
    ok.

catch_tag(F) ->
    try F() of
        V -> {ok, V}
    catch
        C:R -> {C, R}
    end.

p(Tag, V) -> io:format("~p: ~p~n", [Tag, V]).
