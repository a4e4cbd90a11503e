%% Benchmark: insert 1,000,000 integer keys into a map, then look every one up.
%% Self-checking: size and the sum of looked-up values are verified.
-module(map_ops).
-export([main/0]).

-define(N, 1000000).

insert(0, M) -> M;
insert(N, M) -> insert(N - 1, M#{N => N * 2}).

lookup(0, _, Acc) -> Acc;
lookup(N, M, Acc) ->
    #{N := V} = M,
    lookup(N - 1, M, Acc + V).

main() ->
    M = insert(?N, #{}),
    map_size(M) =:= ?N orelse error({wrong_size, map_size(M)}),
    Sum = lookup(?N, M, 0),
    Expected = ?N * (?N + 1),
    Sum =:= Expected orelse error({wrong_sum, Sum}),
    io:format("maps: ~p keys, sum ~p~n", [?N, Sum]).
