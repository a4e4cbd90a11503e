-module(macro_circular).
-export([main/0]).
-define(A, ?B + 1).
-define(B, ?A).
-define(C(X), X).
main() -> {?A, ?C}.
