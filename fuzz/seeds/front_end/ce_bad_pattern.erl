-module(ce_bad_pattern).
-export([main/0]).

main() ->
    case 1 of
        X + 1 -> X;
        _ -> ok
    end.
