-module(bad_binary).
-export([main/1]).
main(X) ->
    A = <<X:8/foo>>,
    B = <<X:8/unit:300>>,
    <<C:8/float-binary>> = X,
    {A, B, C}.
