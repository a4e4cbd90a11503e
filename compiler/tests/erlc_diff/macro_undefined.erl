-module(macro_undefined).
-export([main/0]).
main() -> ?NOPE + 1.
f() -> ok.
