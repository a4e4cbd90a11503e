-module(on_load).
-export([main/0]).

%% -on_load as OTP 25 runs it: the function runs in a process of its own when the module is
%% loaded; ok keeps the code, another value or a crash gives {error, on_load_failure} and the
%% previous version (if any) stays current; erlang:load_module/2 of such a module reports
%% {error, on_load}.
main() ->
    logger:set_primary_config(level, none),
    Dir = "/tmp/krarup_on_load_" ++ os:getpid(),
    ok = file:make_dir(Dir),
    register(on_load_test, self()),
    Good = version(Dir, olm, "ok"),
    Bad = version(Dir, olm, "{error, nope}"),
    Crash = version(Dir, olm, "1 = 2"),
    p(load_good, code:load_binary(olm, "olm.erl", Good)),
    p(ran_in, receive {ran, Pid} -> Pid =/= self() after 1000 -> timeout end),
    p(vsn, olm:vsn()),
    p(attributes, lists:keymember(on_load, 1, olm:module_info(attributes))),
    p(load_bad, code:load_binary(olm, "olm.erl", Bad)),
    p(ran, receive {ran, _} -> yes after 1000 -> timeout end),
    p(still_loaded, code:is_loaded(olm) =/= false),
    p(old, erlang:check_old_code(olm)),
    p(vsn, catch olm:vsn()),
    p(load_crash, code:load_binary(olm, "olm.erl", Crash)),
    p(ran, receive {ran, _} -> yes after 1000 -> timeout end),
    NewBad = version(Dir, olnew, "nope"),
    p(new_bad, code:load_binary(olnew, "olnew.erl", NewBad)),
    p(ran, receive {ran, _} -> yes after 1000 -> timeout end),
    p(new_loaded, erlang:module_loaded(olnew)),
    p(erlang_load_module, erlang:load_module(olnew, NewBad)),
    [ok = file:delete(Dir ++ "/" ++ N) || N <- element(2, file:list_dir(Dir))],
    ok = file:del_dir(Dir).

version(Dir, Mod, Result) ->
    Src = Dir ++ "/" ++ atom_to_list(Mod) ++ ".erl",
    ok = file:write_file(Src, io_lib:format(
        "-module(~w).~n-export([vsn/0]).~n-on_load(init/0).~n"
        "init() -> on_load_test ! {ran, self()}, ~s.~n"
        "vsn() -> ~p.~n", [Mod, Result, Result])),
    {ok, Mod, Bin} = compile:file(Src, [binary, return_errors]),
    Bin.

p(Tag, V) -> io:format("~p: ~p~n", [Tag, V]).
