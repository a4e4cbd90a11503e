-module(mm_basic_util).
-export([double/1, apply_to/1]).

double(X) -> 2 * X.

apply_to(F) -> {applied, F()}.

-compile({nowarn_unused_function, [not_exported/0]}).
not_exported() -> hidden.
