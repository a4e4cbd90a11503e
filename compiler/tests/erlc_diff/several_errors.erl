-module(several_errors).
-export([main/0, f/1]).
f(X) -> X + .
main() ->
    A = 1,
    case A of
        1 -> B = 2;
        _ -> ok
    end,
    g(B, C).
unused() -> ok.
