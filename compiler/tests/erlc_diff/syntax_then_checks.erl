-module(syntax_then_checks).
-export([main/0, g/1]).
g(X)
    Y = X + 1,
    Y.
main() ->
    W = 1,
    foo(Z).
h() -> ok.
