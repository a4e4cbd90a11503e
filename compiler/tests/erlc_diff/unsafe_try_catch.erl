-module(unsafe_try_catch).
-export([main/0]).
main() ->
    try ok catch error:R:S -> {R, S} end, <<S:16>> = <<1,2>>, S.
