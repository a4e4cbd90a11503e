-module(redefine_module).
-module(other).
-export([main/0]).
main() -> ok.
