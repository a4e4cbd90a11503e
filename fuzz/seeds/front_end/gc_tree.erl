-module(gc_tree).
-export([main/0]).

%% Builds and discards many binary trees while keeping one long-lived tree alive: exercises the
%% collector with both short- and long-lived data.
make(0) -> leaf;
make(D) -> {node, make(D - 1), D, make(D - 1)}.

check(leaf) -> 0;
check({node, L, V, R}) -> check(L) + V + check(R).

churn(0, Acc) -> Acc;
churn(N, Acc) -> churn(N - 1, Acc + check(make(10))).

main() ->
    LongLived = make(16),
    io:format("~p~n", [check(LongLived)]),
    io:format("~p~n", [churn(200, 0)]),
    io:format("~p~n", [check(LongLived)]).
