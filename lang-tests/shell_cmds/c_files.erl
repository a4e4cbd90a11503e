%% c:ls/0,1, c:cd/1 and c:pwd/0 on a directory the program makes: sorted names in columns as
%% wide as the longest plus five (at most 45), wrapping before the 80th column; a file's own
%% name; the error text for a missing directory; cd then pwd.
-module(c_files).
-export([main/0]).

make(Dir, Names) ->
    ok = file:make_dir(Dir),
    [ok = file:write_file(filename:join(Dir, N), <<>>) || N <- Names],
    ok.

clean(Dir, Names) ->
    [ok = file:delete(filename:join(Dir, N)) || N <- Names],
    ok = file:del_dir(Dir).

main() ->
    Short = ["b.txt", "a.erl", "z", "m.hrl", "c", "dd", "e.kbc", "f", "g", "h", "i", "j"],
    Long = ["a_very_long_file_name_that_goes_on_and_on_forever.txt", "b", "c.erl"],
    Exact = ["abcdefghijklmnopqrstuvwxyz01234", "x"],
    make("ls_short", Short),
    make("ls_long", Long),
    make("ls_exact", Exact),
    ok = file:make_dir("ls_empty"),
    io:format("~p~n", [c:ls("ls_short")]),
    io:format("~p~n", [c:ls("ls_long")]),
    io:format("~p~n", [c:ls("ls_exact")]),
    io:format("~p~n", [c:ls("ls_empty")]),
    io:format("~p~n", [c:ls('ls_short')]),
    io:format("~p~n", [c:ls("ls_short/b.txt")]),
    io:format("~p~n", [c:ls(["ls_", "short/", "z"])]),
    io:format("~p~n", [c:ls("no_such_directory")]),
    {ok, Cwd} = file:get_cwd(),
    io:format("~p~n", [c:cd("/")]),
    io:format("~p~n", [c:pwd()]),
    io:format("~p~n", [shell_default:cd("no_such_directory_either")]),
    ok = file:set_cwd(Cwd),
    ok = file:set_cwd("ls_short"),
    io:format("~p~n", [shell_default:ls()]),
    ok = file:set_cwd(Cwd),
    clean("ls_short", Short),
    clean("ls_long", Long),
    clean("ls_exact", Exact),
    ok = file:del_dir("ls_empty").
