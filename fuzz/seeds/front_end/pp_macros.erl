-module(pp_macros).
-export([main/0]).

-define(PI, 3.14159).
-define(SQUARE(X), ((X) * (X))).
-define(ADD(A, B), A + B).
-define(GREETING, "hello").
-define(TUPLE(A), {A, ?MODULE}).
-define(MAX(A, B), if A > B -> A; true -> B end).
-define(STR(X), ??X).
-define(EMPTY(), empty_macro).

main() ->
    io:format("~p~n", [?PI]),
    io:format("~p~n", [?SQUARE(1 + 2)]),
    io:format("~p~n", [?ADD(1, 2) * 10]),
    io:format("~s~n", [?GREETING]),
    io:format("~p~n", [?TUPLE(x)]),
    io:format("~p~n", [?MAX(3, 7)]),
    io:format("~p~n", [?MODULE]),
    io:format("~p~n", [?MODULE_STRING]),
    io:format("~p~n", [?LINE]),
    io:format("~p~n", [?FUNCTION_NAME]),
    io:format("~p~n", [?FUNCTION_ARITY]),
    io:format("~s~n", [?STR(1 + 2 * foo(bar))]),
    io:format("~p~n", [?EMPTY()]),
    io:format("~p~n", [lists:last(string:split(?FILE, "/", all))]).
