-module(mm_basic).
-export([main/0]).

main() ->
    io:format("~p~n", [mm_basic_util:double(21)]),
    io:format("~p~n", [mm_basic_util:apply_to(fun mm_basic_other:name/0)]),
    F = fun mm_basic_util:double/1,
    io:format("~p~n", [lists:map(F, [1, 2, 3])]),
    M = mm_basic_other,
    io:format("~p~n", [M:name()]),
    io:format("~p~n", [try mm_basic_util:not_exported() catch error:R -> R end]),
    io:format("~p~n", [mm_basic_other:callback_loop(5)]).
