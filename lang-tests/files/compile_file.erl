-module(compile_file).
-export([main/0]).

%% compile:file/1,2: result shapes with binary, return, return_errors, return_warnings,
%% report, {outdir, D}; the object file is written, loaded and called (through code:).
main() ->
    Dir = "/tmp/krarup_compile_file_" ++ os:getpid(),
    ok = file:make_dir(Dir),
    Good = Dir ++ "/cf_good.erl",
    ok = file:write_file(Good, "-module(cf_good).\n-export([f/0]).\nf() -> X = 1, v1.\n"),
    Bad = Dir ++ "/cf_bad.erl",
    ok = file:write_file(Bad, "-module(cf_bad).\n-export([f/0]).\nf() -> Y.\ng() -> ok.\n"),
    Clean = Dir ++ "/cf_clean.erl",
    ok = file:write_file(Clean, "-module(cf_clean).\n-export([f/0]).\nf() -> clean.\n"),
    p(compile:file(Clean, [{outdir, Dir}])),
    p(compile:file(Clean, [{outdir, Dir}, return])),
    p(compile:file(Dir ++ "/cf_clean", [{outdir, Dir}, return_warnings])),
    p(filelib:is_file(Dir ++ "/cf_clean.kbc") orelse filelib:is_file(Dir ++ "/cf_clean.beam")),
    {ok, cf_good, Bin} = compile:file(Good, [binary]),
    p(is_binary(Bin)),
    p(code:load_binary(cf_good, Good, Bin)),
    p(cf_good:f()),
    p(shape(compile:file(Good, [binary, return]))),
    p(shape(compile:file(Good, [{outdir, Dir}, return_warnings]))),
    p(compile:file(Bad, [])),
    p(shape(compile:file(Bad, [return]))),
    p(shape(compile:file(Bad, [return_errors]))),
    p(compile:file(Bad, [return_warnings])),
    p(compile:file(Dir ++ "/nosuch", [])),
    p(compile:file(Dir ++ "/nosuch", [return]) =:=
          {error, [{Dir ++ "/nosuch.erl", [{none, compile, {epp, enoent}}]}], []}),
    p(compile:file(Clean, [{outdir, Dir ++ "/missing"}])),
    p(element(1, compile:file(Clean, [{outdir, Dir ++ "/missing"}, return]))),
    p(compile:file(Clean, [{outdir, Dir}, verbose, report])),
    {ok, Cwd} = file:get_cwd(),
    ok = file:set_cwd(Dir),
    p(compile:file(cf_clean)),
    ok = file:set_cwd(Cwd),
    [ok = file:delete(Dir ++ "/" ++ N) || N <- element(2, file:list_dir(Dir))],
    ok = file:del_dir(Dir).

%% The shape of a result: the diagnostics are counted per file, not printed (their
%% descriptors differ between erl_lint and krarup).
shape({ok, M, B, Ws}) when is_binary(B) -> {ok, M, bin, count(Ws)};
shape({ok, M, Ws}) -> {ok, M, count(Ws)};
shape({error, Es, Ws}) -> {error, count(Es), count(Ws)};
shape(Other) -> Other.

count(Diags) -> [{filename:basename(F), [element(1, D) || D <- Ds]} || {F, Ds} <- Diags].

p(X) -> io:format("~p~n", [X]).
