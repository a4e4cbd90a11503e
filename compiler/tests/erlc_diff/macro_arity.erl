-module(macro_arity).
-export([main/0]).
-define(A(X), X + 1).
main() -> ?A(1, 2).
