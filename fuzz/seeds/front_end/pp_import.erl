-module(pp_import).
-export([main/0]).

-import(lists, [reverse/1, map/2, seq/2]).
-import(string, [uppercase/1]).

-compile({nowarn_unused_function, [unused/0]}).
-vsn("1.0").
-author("tests").

unused() -> ok.

main() ->
    io:format("~p~n", [reverse(seq(1, 5))]),
    io:format("~p~n", [map(fun(X) -> X + 1 end, [1, 2])]),
    io:format("~p~n", [uppercase("imported")]).
