-module(duplicate_function).
-export([main/0]).
main() -> ok.
f(1) -> a.
main() -> other.
