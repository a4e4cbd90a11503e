-module(syntax_in_define).
-export([main/0]).
-define(TWICE(X), (X) * 2.
main() -> ?TWICE(3).
