-module(macro_else).
-export([main/0]).
-else.
main() -> ok.
