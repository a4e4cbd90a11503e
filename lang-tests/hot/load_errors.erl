-module(load_errors).
-export([main/0]).

%% The loader refuses bad object code at code:load_binary/3 and erlang:load_module/2 with
%% {error, badfile} (garbage, a truncated image, another module's code), and the current version
%% keeps running; bad arguments exit with function_clause or raise badarg as OTP's do.
main() ->
    logger:set_primary_config(level, none),
    Dir = "/tmp/krarup_load_errors_" ++ os:getpid(),
    ok = file:make_dir(Dir),
    Src = Dir ++ "/le.erl",
    ok = file:write_file(Src, "-module(le).\n-export([f/0]).\nf() -> running.\n"),
    {ok, le, Bin} = compile:file(Src, [binary, return_errors]),
    p(load, code:load_binary(le, Src, Bin)),
    Half = binary:part(Bin, 0, byte_size(Bin) div 2),
    p(garbage, code:load_binary(le, Src, <<"not object code at all">>)),
    p(empty, code:load_binary(le, Src, <<>>)),
    p(truncated, code:load_binary(le, Src, Half)),
    p(other_name, code:load_binary(other, Src, Bin)),
    p(still, le:f()),
    p(old, erlang:check_old_code(le)),
    p(erlang_garbage, erlang:load_module(le, <<1, 2, 3>>)),
    p(erlang_truncated, erlang:load_module(le, Half)),
    p(still, le:f()),
    p(load_module_badarg, catch_tag(fun() -> erlang:load_module("le", Bin) end)),
    p(load_module_badarg, catch_tag(fun() -> erlang:load_module(le, not_binary) end)),
    p(load_binary_clause, catch_tag(fun() -> code:load_binary(le, Src, [1, 2]) end)),
    p(load_binary_clause, catch_tag(fun() -> code:load_binary("le", Src, Bin) end)),
    p(new_module_garbage, code:load_binary(le_new, Src, <<"junk">>)),
    p(new_module_loaded, erlang:module_loaded(le_new)),
    ok = file:delete(Src),
    ok = file:del_dir(Dir).

catch_tag(F) ->
    try F() of
        V -> {ok, V}
    catch
        C:R -> {C, R}
    end.

p(Tag, V) -> io:format("~p: ~p~n", [Tag, V]).
