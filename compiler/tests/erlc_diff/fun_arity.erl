-module(fun_arity).
-export([main/0]).
main() ->
    F = fun(A) -> A; (A, B) -> {A, B} end,
    F.
