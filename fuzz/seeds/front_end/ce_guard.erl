-module(ce_guard).
-export([main/0]).

ok(X) -> X.

f(X) when ok(X) -> yes;
f(_) -> no.

main() -> io:format("~p~n", [f(1)]).
