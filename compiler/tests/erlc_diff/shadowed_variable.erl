-module(shadowed_variable).
-export([main/1]).
main(X) ->
    F = fun(X) -> X end,
    [X || X <- [1, 2]],
    F(X).
