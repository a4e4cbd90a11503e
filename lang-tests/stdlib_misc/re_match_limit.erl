%% A pattern that backtracks past PCRE's match limit: re:run gives nomatch (or
%% {error, match_limit} with report_errors); split and replace see no match.
-module(re_match_limit).
-export([main/0]).

main() ->
    S = lists:duplicate(40, $a) ++ "!",
    P = "^(a+)+$",
    io:format("~p~n", [re:run(S, P)]),
    io:format("~p~n", [re:run(S, P, [report_errors])]),
    io:format("~p~n", [re:run(S, P, [global, report_errors])]),
    io:format("~p~n", [re:split(S, P)]),
    io:format("~p~n", [re:replace(S, P, "x", [{return, list}])]),
    io:format("~p~n", [re:run("aaa", P, [report_errors])]).
