-module(hot_versions).
-export([main/0]).

%% Current and old code as OTP 25 keeps them: remote calls reach the current version, a local
%% loop stays in the old one until its next remote call, loading over old code is refused,
%% (erlang:load_module/2 and code:load_file/1; code:load_binary/3 purges first, killing),
%% check_process_code/check_old_code, soft_purge refuses, purge kills (reason killed), a local fun
%% into purged code raises badfun, an external fun follows the current code, delete makes the
%% current code old. Module versions are made with compile:file on both VMs.
main() ->
    logger:set_primary_config(level, none),
    Dir = "/tmp/krarup_hot_versions_" ++ os:getpid(),
    ok = file:make_dir(Dir),
    B1 = version(Dir, 1),
    B2 = version(Dir, 2),
    B3 = version(Dir, 3),
    Src = Dir ++ "/hv.erl",
    p(load, code:load_binary(hv, Src, B1)),
    p(vsn, hv:vsn()),
    Local = hv:mkfun(),
    Ext = hv:ext(),
    L = spawn(hv, loop, []),
    Q = spawn(hv, ext_loop, []),
    Idle = spawn(fun() -> receive stop -> ok end end),
    p(sync, [ask(P) || P <- [L, Q]]),
    p(old_before, erlang:check_old_code(hv)),
    p(load2, code:load_binary(hv, Src, B2)),
    p(vsn, hv:vsn()),
    p(old_after, erlang:check_old_code(hv)),
    p(cpc, [erlang:check_process_code(P, hv) || P <- [L, Q, Idle, self()]]),
    p(asks, [ask(L), ask(Q)]),
    p(asks, [ask(L), ask(Q)]),
    p(cpc, [erlang:check_process_code(P, hv) || P <- [L, Q, Idle]]),
    p(funs, {Local(), Ext()}),
    p(load3, code:load_binary(hv, Src, B3)),
    p(erlang_load3, erlang:load_module(hv, B3)),
    p(soft_purge, code:soft_purge(hv)),
    p(old, erlang:check_old_code(hv)),
    RefL = erlang:monitor(process, L),
    RefQ = erlang:monitor(process, Q),
    p(purge, code:purge(hv)),
    receive {'DOWN', RefL, process, L, Why} -> p(down, Why) end,
    p(alive, [is_process_alive(P) || P <- [L, Q, Idle]]),
    p(local_fun, catch_tag(Local)),
    p(ext_fun, Ext()),
    p(purge_again, {code:purge(hv), code:soft_purge(hv)}),
    p(load3, code:load_binary(hv, Src, B3)),
    p(asks, [ask(Q), ask(Q)]),
    p(vsn, hv:vsn()),
    p(soft_purge, code:soft_purge(hv)),
    p(check_old, erlang:check_old_code(hv)),
    p(delete, code:delete(hv)),
    p(is_loaded, code:is_loaded(hv)),
    p(check_old, erlang:check_old_code(hv)),
    p(delete_again, code:delete(hv)),
    p(erlang_delete, catch_tag(fun() -> erlang:delete_module(hv) end)),
    p(call_deleted, catch_tag(fun() -> hv:vsn() end)),
    p(ext_fun, catch_tag(Ext)),
    Q ! stop,
    receive {'DOWN', RefQ, process, Q, WhyQ} -> p(down, WhyQ) end,
    p(purge_module, erlang:purge_module(hv)),
    p(purge_module, catch_tag(fun() -> erlang:purge_module(hv) end)),
    p(unknown, {erlang:check_old_code(nosuch_mod), code:purge(nosuch_mod),
                code:soft_purge(nosuch_mod), code:delete(nosuch_mod),
                erlang:delete_module(nosuch_mod), erlang:module_loaded(nosuch_mod)}),
    p(reload_after_delete, code:load_binary(hv, Src, B1)),
    p(vsn, hv:vsn()),
    Idle ! stop,
    [ok = file:delete(Dir ++ "/" ++ N) || N <- element(2, file:list_dir(Dir))],
    ok = file:del_dir(Dir).

version(Dir, N) ->
    Src = Dir ++ "/hv.erl",
    ok = file:write_file(Src, io_lib:format(
        "-module(hv).~n"
        "-export([vsn/0, loop/0, ext_loop/0, mkfun/0, ext/0]).~n"
        "vsn() -> ~w.~n"
        "loop() -> receive {From, vsn} -> From ! {self(), vsn()}, loop(); stop -> ok end.~n"
        "ext_loop() -> receive {From, vsn} -> From ! {self(), vsn()}, ?MODULE:ext_loop();"
        " stop -> ok end.~n"
        "mkfun() -> fun() -> {local, vsn()} end.~n"
        "ext() -> fun ?MODULE:vsn/0.~n", [N])),
    {ok, hv, Bin} = compile:file(Src, [binary, return_errors]),
    Bin.

ask(P) ->
    P ! {self(), vsn},
    receive {P, V} -> V after 1000 -> timeout end.

catch_tag(F) ->
    try F() of
        V -> {ok, V}
    catch
        C:{badfun, _} -> {C, badfun};
        C:R -> {C, R}
    end.

p(Tag, V) -> io:format("~p: ~p~n", [Tag, V]).
