-module(many_unused).
-export([main/1]).
-record(used, {a}).
-record(notused, {b}).
main(#used{a = A}) ->
    [B || B <- [1,2], C <- [3]],
    _ = fun(D) -> ok end,
    case A of
        E when E > 1 -> ok;
        F -> ok
    end.
