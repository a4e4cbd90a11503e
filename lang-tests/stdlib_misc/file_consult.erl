%% file:write_file/2, read_file/1, consult/1 and delete/1: results and error shapes.
-module(file_consult).
-export([main/0]).

path(N) -> "/tmp/krarup_file_consult_" ++ integer_to_list(N) ++ ".txt".

main() ->
    Texts = [
        "{a, 1}.\n[1,2|x].\n#{k => \"s\"}.\n<<\"ab\", 1>>.\n-5.\n$a.\n\"a\" \"b\".\n",
        "2#101. 1.5e3. 16#ff. 1_000. 'A b'. [].\n{}. % comment\n  x.\n",
        "{app, [{vsn, \"1.0\"}, {env, [{k, v}, {n, -2.5}]}]}.\n",
        "",
        "{a, 1}.\n{b,\n",
        "{a, 1}.\n{b}}.\n",
        "{a, X}.\n",
        "ok.\n{a, 1+2}.\n",
        "{a, 1}",
        "fun() -> ok end.\n",
        "[a, b] c.\n"
    ],
    lists:foreach(
        fun({N, Text}) ->
            ok = file:write_file(path(N), Text),
            io:format("~b: ~p~n", [N, file:consult(path(N))])
        end,
        lists:zip(lists:seq(1, length(Texts)), Texts)),
    io:format("~p~n", [file:read_file(path(3))]),
    io:format("~p~n", [file:read_file(list_to_binary(path(1)))]),
    io:format("~p~n", [file:write_file(path(99), [<<"io">>, $l, ["ist"]])]),
    io:format("~p~n", [file:read_file(path(99))]),
    io:format("~p~n", [file:read_file(42)]),
    io:format("~p~n", [file:consult("/tmp/krarup_no_such_file.txt")]),
    io:format("~p~n", [file:consult("/tmp")]),
    io:format("~p~n", [file:write_file("/tmp/krarup_no_such_dir/x", "x")]),
    [ok = file:delete(path(N)) || N <- [99 | lists:seq(1, length(Texts))]],
    io:format("~p~n", [file:delete(path(1))]).
