-module(basics_variables).
-export([main/0]).

%% Variables bound in case branches, shadowing in funs, begin/end blocks.
main() ->
    X = 5,
    Y = case X > 3 of
            true -> Z = big, Z;
            false -> Z = small, Z
        end,
    io:format("~p ~p~n", [Y, Z]),
    F = fun(X1) -> X1 * 2 end,
    io:format("~p~n", [F(X)]),
    W = begin
            A = 1,
            B = 2,
            A + B
        end,
    io:format("~p~n", [W]),
    G = fun(N) -> N + X end,
    io:format("~p~n", [G(100)]),
    {ok, V} = {ok, 42},
    io:format("~p~n", [V]).
