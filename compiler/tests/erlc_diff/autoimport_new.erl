-module(autoimport_new).
-export([main/0]).
main() -> ceil(1.5).
ceil(X) -> X.
