-module(scope_misc).
-export([main/1]).
main(X) ->
    _ = X andalso (Y = true),
    _ = [Z || Z <- [1]],
    _ = fun() -> W = 1, W end,
    begin V = 2 end,
    {Y, Z, W, V}.
