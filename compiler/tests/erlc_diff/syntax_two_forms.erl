-module(syntax_two_forms).
-export([main/0]).
a() -> (1 + .
b() -> [1, 2.
main() -> a(), b(), c().
