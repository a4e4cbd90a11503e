-module(autoimport_clash).
-export([main/0]).
main() -> length([1, 2]).
length(L) -> L.
