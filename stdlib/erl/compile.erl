%% compile: compile:file/1,2 with OTP 25's options and result shapes, over the krarup
%% compiler, which the embedder runs (krarup_file:compile/1). The object code is krarup
%% bytecode: File.kbc (not .beam), which code:load_binary/3 and code:load_file/1 load.
%% Errors and warnings are {Location, compile, Message} with Message erlc's text (OTP has
%% erl_lint's descriptors there); format_error/1 returns the text. See spec.md.
-module(compile).

-export([file/1, file/2, format_error/1]).

%% OTP 25's compile:file/1 options.
file(File) -> file(File, [verbose, report_errors, report_warnings]).

file(File, Opt) when is_atom(Opt) -> file(File, [Opt]);
file(File0, Opts0) when is_list(Opts0) ->
    Opts = expand(Opts0),
    File = source_name(File0),
    case krarup_file:compile(File) of
        {ok, Mod, Bin, Ws} ->
            report(warnings, Ws, Opts),
            compiled(File, Mod, Bin, group(Ws), Opts);
        {error, Es, Ws} ->
            report(errors, Es, Opts),
            report(warnings, Ws, Opts),
            failed(group(Es), group(Ws), Opts);
        {error, Posix} ->
            case member(report_errors, Opts) of
                true -> io:format("~ts: ~ts~n", [File, posix_text(Posix)]);
                false -> ok
            end,
            failed([{File, [{none, compile, {epp, Posix}}]}], [], Opts)
    end.

compiled(File, Mod, Bin, Ws, Opts) ->
    case member(binary, Opts) of
        true -> ok_result([ok, Mod, Bin], Ws, Opts);
        false ->
            Out = join(outdir(Opts), basename(File) ++ ".kbc"),
            case file:write_file(Out, Bin) of
                ok -> ok_result([ok, Mod], Ws, Opts);
                {error, Posix} ->
                    case member(report_errors, Opts) of
                        true ->
                            io:format("~ts#: error writing file: ~ts~n",
                                      [lists:droplast(Out), posix_text(Posix)]);
                        false -> ok
                    end,
                    failed([{Out, [{none, compile, {write_error, Posix}}]}], Ws, Opts)
            end
    end.

ok_result(Elems, Ws, Opts) ->
    case member(return_warnings, Opts) of
        true -> list_to_tuple(Elems ++ [Ws]);
        false -> list_to_tuple(Elems)
    end.

failed(Es, Ws, Opts) ->
    case member(return_errors, Opts) of
        true -> {error, Es, Ws};
        false -> error
    end.

%% The text of compile:format_error/1 for the descriptors compile:file/2 returns.
format_error(Msg) when is_list(Msg) -> Msg;
format_error({epp, Posix}) -> posix_text(Posix);
format_error({write_error, Posix}) ->
    "error writing file: " ++ posix_text(Posix);
format_error(Other) -> io_lib:format("~tp", [Other]).

%% report/return expand as in OTP: report = report_errors + report_warnings,
%% return = return_errors + return_warnings.
expand([report | T]) -> [report_errors, report_warnings | expand(T)];
expand([return | T]) -> [return_errors, return_warnings | expand(T)];
expand([H | T]) -> [H | expand(T)];
expand([]) -> [].

report(errors, Ds, Opts) -> report(report_errors, Ds, Opts);
report(warnings, Ds, Opts) -> report(report_warnings, Ds, Opts);
report(Opt, Ds, Opts) ->
    case member(Opt, Opts) of
        true -> [io:put_chars(Text) || {_, _, _, _, Text} <- Ds], ok;
        false -> ok
    end.

%% [{File, [{{Line, Col}, compile, Message}]}], one entry per run of diagnostics in a file.
group([]) -> [];
group([{File, _, _, _, _} | _] = Ds) ->
    {Same, Rest} = lists:splitwith(fun({F, _, _, _, _}) -> F =:= File end, Ds),
    [{File, [{{L, C}, compile, M} || {_, L, C, M, _} <- Same]} | group(Rest)].

outdir(Opts) ->
    case [D || {outdir, D} <- Opts] of
        [D | _] -> flat(D);
        [] -> "."
    end.

source_name(File) ->
    F = flat(File),
    case lists:suffix(".erl", F) of
        true -> F;
        false -> F ++ ".erl"
    end.

basename(File) ->
    Base = lists:last(string:split(File, "/", all)),
    lists:sublist(Base, length(Base) - 4).

join(".", Name) -> Name;
join(Dir, Name) ->
    case lists:suffix("/", Dir) of
        true -> Dir ++ Name;
        false -> Dir ++ "/" ++ Name
    end.

flat(A) when is_atom(A) -> atom_to_list(A);
flat(B) when is_binary(B) -> unicode:characters_to_list(B);
flat(L) when is_list(L) -> lists:flatten(L).

member(X, L) -> lists:member(X, L).

posix_text(enoent) -> "no such file or directory";
posix_text(eacces) -> "permission denied";
posix_text(eisdir) -> "illegal operation on a directory";
posix_text(enotdir) -> "not a directory";
posix_text(Posix) -> atom_to_list(Posix).
