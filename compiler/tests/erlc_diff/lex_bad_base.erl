-module(lex_bad_base).
-export([main/0]).
main() -> 37#10.
