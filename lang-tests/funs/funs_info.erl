-module(funs_info).
-export([main/0, double/1]).

double(X) -> 2 * X.

main() ->
    Inc = fun(X) -> X + 1 end,
    F = fun lists:reverse/1,
    G = fun ?MODULE:double/1,
    io:format("~p~n", [erlang:fun_info(Inc, arity)]),
    io:format("~p~n", [erlang:fun_info(F, module)]),
    io:format("~p~n", [erlang:fun_info(F, name)]),
    io:format("~p~n", [erlang:fun_info(F, arity)]),
    io:format("~p~n", [erlang:fun_info(G, type)]),
    io:format("~p~n", [erlang:fun_info(Inc, type)]),
    io:format("~p~n", [erlang:fun_info(Inc, module)]).
