-module(lex_bad_numbers).
-export([a/0,b/0,c/0]).
a() -> 2#.
b() -> 1.0e999.
c() -> {1.0e999, x}.
d() -> 2#9 + 1.
