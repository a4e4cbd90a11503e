-module(filelib_os).
-export([main/0]).

%% filelib (is_file, is_dir, ensure_dir, wildcard) and os (getenv, type).
main() ->
    Dir = "/tmp/krarup_filelib_os_" ++ os:getpid(),
    p(filelib:is_dir(Dir)),
    p(filelib:ensure_dir(Dir ++ "/a/b/c/file")),
    p(filelib:ensure_dir(Dir ++ "/a/b/c/file")),
    p(filelib:is_dir(Dir ++ "/a/b/c")),
    p(filelib:is_dir(Dir ++ "/a/b/c/file")),
    Files = ["x.erl", "y.erl", "z.hrl", "a/one.erl", "a/b/two.erl", "a/b/c/three.txt",
             ".hidden.erl", "data1.txt", "data2.txt", "datax.txt"],
    [ok = file:write_file(Dir ++ "/" ++ F, F) || F <- Files],
    p(filelib:is_file(Dir ++ "/x.erl")),
    p(filelib:is_file(Dir ++ "/a")),
    p(filelib:is_file(Dir ++ "/nope")),
    p(filelib:is_dir(Dir ++ "/x.erl")),
    p(filelib:ensure_dir(Dir ++ "/x.erl/sub/f")),
    Pats = ["*.erl", "*", "?.erl", "*.{erl,hrl}", "data[0-9].txt", "data[!x].txt",
            "a/*/*.erl", "**/*.erl", "a/**/*.txt", "nope/*", "x.erl", "nope.erl",
            "*/one.erl", ".*"],
    [p({P, filelib:wildcard(P, Dir)}) || P <- Pats],
    p(filelib:wildcard(Dir ++ "/*.hrl") =:= [Dir ++ "/z.hrl"]),
    {ok, Cwd} = file:get_cwd(),
    ok = file:set_cwd(Dir),
    p(filelib:wildcard("*.erl")),
    p(filelib:wildcard("a/b/*")),
    ok = file:set_cwd(Cwd),
    p(os:type()),
    p(os:getenv("KRARUP_SURELY_UNSET_VAR")),
    p(os:getenv("KRARUP_SURELY_UNSET_VAR", "default")),
    Path = os:getenv("PATH"),
    p(is_list(Path) andalso Path =/= []),
    p(os:getenv("PATH", x) =:= Path),
    p(lists:member("PATH=" ++ Path, os:getenv())),
    p(lists:all(fun(V) -> lists:member($=, V) end, os:getenv())),
    p(try os:getenv(42) catch error:E -> E end),
    rm(Dir).

rm(Path) ->
    case filelib:is_dir(Path) of
        true ->
            {ok, Names} = file:list_dir(Path),
            [rm(Path ++ "/" ++ N) || N <- Names],
            ok = file:del_dir(Path);
        false -> ok = file:delete(Path)
    end.

p(X) -> io:format("~p~n", [X]).
