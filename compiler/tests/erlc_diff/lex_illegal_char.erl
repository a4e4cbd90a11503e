-module(lex_illegal_char).
-export([main/0]).
main() -> 1 ~ 2.
