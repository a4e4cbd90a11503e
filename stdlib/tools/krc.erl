%% Test tool (not part of the stdlib): compiles every stdlib/erl/*.erl with
%% real erlc semantics under a renamed module name (lists -> kr_lists) so
%% it can run next to OTP's own module. Remote calls M:F/A and fun M:F/A
%% are redirected to kr_M only when our M exports F/A, so calls to natives
%% we deliberately do not define (lists:reverse/2, maps:get/2, ...) still
%% reach OTP's versions.
%% Usage: erl -noshell -pa OUT -eval 'krc:main(["stdlib/erl", OUT])'
-module(krc).
-export([main/1, run_program/3]).

main([SrcDir, OutDir]) ->
    Files = filelib:wildcard(filename:join(SrcDir, "*.erl")),
    Parsed = [begin
                  {ok, Forms} = epp:parse_file(F, []),
                  {module_name(Forms), Forms}
              end || F <- Files],
    Exports = maps:from_list([{M, exports(Forms)} || {M, Forms} <- Parsed]),
    Results = [compile_one(M, Forms, Exports, OutDir) || {M, Forms} <- Parsed],
    case lists:all(fun(R) -> R =:= ok end, Results) of
        true -> io:format("compiled ~p modules~n", [length(Results)]);
        false -> halt(1)
    end.

module_name(Forms) ->
    hd([M || {attribute, _, module, M} <- Forms]).

exports(Forms) ->
    lists:append([E || {attribute, _, export, E} <- Forms]).

compile_one(M, Forms0, Exports, OutDir) ->
    Forms = rewrite(Forms0, Exports),
    case compile:forms(Forms, [return_errors, nowarn_unused_function]) of
        {ok, Mod, Bin} ->
            ok = file:write_file(filename:join(OutDir, atom_to_list(Mod) ++ ".beam"), Bin),
            ok;
        {ok, Mod, Bin, _Warnings} ->
            ok = file:write_file(filename:join(OutDir, atom_to_list(Mod) ++ ".beam"), Bin),
            ok;
        {error, Errors, _} ->
            io:format("~p: ~p~n", [M, Errors]),
            error
    end.

kr(M) -> list_to_atom("kr_" ++ atom_to_list(M)).

rewrite({attribute, L, module, M}, _Ex) ->
    {attribute, L, module, kr(M)};
rewrite({call, L, {remote, L2, {atom, L3, M}, {atom, L4, F}}, Args}, Ex) ->
    NewM = case ours(M, F, length(Args), Ex) of
               true -> kr(M);
               false -> M
           end,
    {call, L, {remote, L2, {atom, L3, NewM}, {atom, L4, F}}, rewrite(Args, Ex)};
rewrite({'fun', L, {function, {atom, L1, M}, {atom, L2, F}, {integer, L3, A}}}, Ex) ->
    NewM = case ours(M, F, A, Ex) of
               true -> kr(M);
               false -> M
           end,
    {'fun', L, {function, {atom, L1, NewM}, {atom, L2, F}, {integer, L3, A}}};
rewrite(T, Ex) when is_tuple(T) ->
    list_to_tuple(rewrite(tuple_to_list(T), Ex));
rewrite([H | T], Ex) ->
    [rewrite(H, Ex) | rewrite(T, Ex)];
rewrite(X, _Ex) -> X.

ours(M, F, A, Ex) ->
    case maps:find(M, Ex) of
        {ok, Es} -> lists:member({F, A}, Es);
        error -> false
    end.

%% run_program(StdlibDir, _Unused, ErlFile): compiles a program with its
%% calls to our modules redirected to the kr_* versions, runs main/0 the
%% way lang-tests/regen.sh does, and returns ok | {error, Reason}.
run_program(SrcDir, _Unused, File) ->
    Files = filelib:wildcard(filename:join(SrcDir, "*.erl")),
    Exports = maps:from_list([begin
                                  {ok, Forms} = epp:parse_file(F, []),
                                  {module_name(Forms), exports(Forms)}
                              end || F <- Files]),
    {ok, Forms0} = epp:parse_file(File, [{includes, [filename:dirname(File)]}]),
    Forms = [rewrite_calls(F, Exports) || F <- Forms0],
    case compile:forms(Forms, [return_errors, nowarn_unused_function]) of
        {ok, Mod, Bin, _} -> load_run(Mod, Bin, File);
        {ok, Mod, Bin} -> load_run(Mod, Bin, File);
        Err -> {error, Err}
    end.

load_run(Mod, Bin, File) ->
    {module, Mod} = code:load_binary(Mod, File, Bin),
    io:setopts(standard_io, [{encoding, unicode}]),
    try Mod:main() of _ -> ok
    catch C:R -> {error, {C, R}}
    end.

%% Like rewrite/2 but keeps the module name.
rewrite_calls({attribute, _, module, _} = A, _Ex) -> A;
rewrite_calls(F, Ex) -> rewrite(F, Ex).
