-module(head_mismatch).
-export([main/0]).
main() -> ok;
mian() -> other.
