-module(sticky_stdlib).
-export([main/0]).

%% Library modules written in Erlang (gen_server, queue, proplists) are sticky as OTP's stdlib
%% directory is: a program's own module of the same name, compiled and offered by binary or
%% from a directory on the code path, is refused, and the library keeps working.
main() ->
    logger:set_primary_config(level, none),
    Dir = "/tmp/krarup_sticky_" ++ os:getpid(),
    ok = file:make_dir(Dir),
    Src = Dir ++ "/queue.erl",
    ok = file:write_file(Src, "-module(queue).\n-export([new/0]).\nnew() -> fake.\n"),
    {ok, queue, Bin} = compile:file(Src, [binary, return_errors]),
    p(sticky, [code:is_sticky(M) || M <- [gen_server, queue, proplists, sticky_stdlib]]),
    p(load_binary, code:load_binary(queue, Src, Bin)),
    {ok, queue} = compile:file(Src, [{outdir, Dir}]),
    true = code:add_patha(Dir),
    p(load_file, code:load_file(queue)),
    p(still_library, queue:to_list(queue:in(1, queue:new()))),
    true = code:del_path(Dir),
    Obj = Dir ++ "/queue" ++ code:objfile_extension(),
    ok = file:delete(Obj),
    ok = file:delete(Src),
    ok = file:del_dir(Dir).

p(Tag, Value) ->
    io:format("~p: ~p~n", [Tag, Value]).
