-module(sl_funs_dynamic).
-export([main/0, triple/1]).

main() ->
    M = lists, F = seq,
    Seq = fun M:F/2,
    io:format("dyn ~p~n", [Seq(1, 5)]),
    Mod = ?MODULE,
    Tr = fun Mod:triple/1,
    io:format("dyn local ~p ~p~n", [Tr(7), erlang:fun_info(Tr, type)]),
    N = 1,
    Len = fun erlang:length/N,
    io:format("dyn arity ~p ~p~n", [Len([a, b, c]), Len =:= fun erlang:length/1]),
    Bad = fun no_such_module:nothing/0,
    io:format("dyn undef ~p~n", [try Bad() catch C:R -> {C, R} end]),
    io:format("bad arity ~p~n", [try A = id(-1), fun lists:map/A catch C2:R2 -> {C2, R2} end]),
    ok.

triple(X) -> X * 3.

id(X) -> X.
