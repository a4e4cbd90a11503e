-module(c_helpers).
-export([main/0]).

%% The c helpers: c/1,2 compile, purge and load; l/1 reloads from the code path; mm/0, lm/0
%% and nl/1. No process runs the reloaded code, so no reload report is printed.
main() ->
    Dir = "/tmp/krarup_c_helpers_" ++ os:getpid(),
    ok = file:make_dir(Dir),
    {ok, Cwd} = file:get_cwd(),
    ok = file:set_cwd(Dir),
    true = code:add_path(Dir),
    write(1),
    p(c:c(nosuch)),
    p(c:c(ch_mod)),
    p(ch_mod:vsn()),
    write(2),
    p(c:c("ch_mod.erl")),
    p(ch_mod:vsn()),
    p(c:c(ch_mod, [return])),
    p(c:c(ch_mod, [report])),
    p(erlang:check_old_code(ch_mod)),
    p(c:l(ch_mod)),
    p(ch_mod:vsn()),
    p(c:l(ch_nosuch)),
    p(c:mm()),
    p(c:lm()),
    p(c:nl(ch_mod)),
    ok = file:write_file("ch_bad.erl", "-module(ch_bad).\n-export([f/0]).\nf() -> Y.\n"),
    p(c:c(ch_bad)),
    ok = file:make_dir("out"),
    p(c:c(ch_mod, [{outdir, "out"}])),
    p(length(filelib:wildcard("out/ch_mod.*"))),
    ok = file:set_cwd(Cwd),
    true = code:del_path(Dir),
    rm(Dir).

write(V) ->
    Src = io_lib:format("-module(ch_mod).~n-export([vsn/0]).~nvsn() -> ~p.~n", [V]),
    ok = file:write_file("ch_mod.erl", Src).

rm(Path) ->
    case filelib:is_dir(Path) of
        true ->
            {ok, Names} = file:list_dir(Path),
            [rm(Path ++ "/" ++ N) || N <- Names],
            ok = file:del_dir(Path);
        false -> ok = file:delete(Path)
    end.

p(X) -> io:format("~p~n", [X]).
