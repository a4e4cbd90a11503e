-module(call_undefined).
-export([main/0]).
main() ->
    helper(1),
    F = fun nothere/0,
    F().
helper(X, Y) -> {X, Y}.
