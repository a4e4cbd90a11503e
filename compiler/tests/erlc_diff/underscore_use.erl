-module(underscore_use).
-export([main/0]).
main() ->
    X = _,
    X.
