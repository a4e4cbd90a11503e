-module(ce_unclosed_case).
-export([main/0, count/1]).

main() ->
    case count([1, 2]) of
        2 -> io:format("two~n")
    .

count(L) -> length(L) + Missing.
