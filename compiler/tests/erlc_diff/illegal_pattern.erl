-module(illegal_pattern).
-export([main/1]).
main(X + 1) -> X;
main(_) ->
    case 3 of
        foo() -> a;
        _ -> b
    end.
