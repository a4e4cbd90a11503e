-module(lists_recursion).
-export([main/0]).

map(_, []) -> [];
map(F, [H | T]) -> [F(H) | map(F, T)].

filter(_, []) -> [];
filter(P, [H | T]) ->
    case P(H) of
        true -> [H | filter(P, T)];
        false -> filter(P, T)
    end.

foldl(_, Acc, []) -> Acc;
foldl(F, Acc, [H | T]) -> foldl(F, F(H, Acc), T).

rev(L) -> rev(L, []).
rev([], Acc) -> Acc;
rev([H | T], Acc) -> rev(T, [H | Acc]).

qsort([]) -> [];
qsort([P | T]) -> qsort([X || X <- T, X < P]) ++ [P] ++ qsort([X || X <- T, X >= P]).

msort([]) -> [];
msort([X]) -> [X];
msort(L) ->
    {A, B} = lists:split(length(L) div 2, L),
    merge(msort(A), msort(B)).

merge([], B) -> B;
merge(A, []) -> A;
merge([X | A], [Y | _] = B) when X =< Y -> [X | merge(A, B)];
merge(A, [Y | B]) -> [Y | merge(A, B)].

main() ->
    L = [5, 3, 8, 1, 9, 2, 7],
    io:format("~p~n", [map(fun(X) -> X * 10 end, L)]),
    io:format("~p~n", [filter(fun(X) -> X > 4 end, L)]),
    io:format("~p~n", [foldl(fun(X, A) -> X + A end, 0, L)]),
    io:format("~p~n", [rev(L)]),
    io:format("~p~n", [qsort(L)]),
    io:format("~p~n", [msort([c, a, "x", 3, {t}, b, 1.5])]).
