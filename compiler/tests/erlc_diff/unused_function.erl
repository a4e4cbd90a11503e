-module(unused_function).
-export([main/0]).
main() -> ok.
lonely(X) -> X.
chain() -> lonely(1).
