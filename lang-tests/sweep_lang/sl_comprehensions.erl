-module(sl_comprehensions).
-export([main/0]).

main() ->
    io:format("~p~n", [[{X, Y} || X <- [1, 2, 3], Y <- [a, b], X =/= 2]]),
    io:format("~p~n", [[{X, Y, Z} || X <- lists:seq(1, 20), Y <- lists:seq(X, 20),
                                     Z <- lists:seq(Y, 20), X * X + Y * Y =:= Z * Z]]),
    io:format("~p~n", [[X || {ok, X} <- [{ok, 1}, error, {ok, 2}, {error, 3}, {ok, 3, 4}]]]),
    io:format("~p~n", [[X || X <- [1, 2, 3, 4, 5, 6], X rem 2 =:= 0, X > 2]]),
    io:format("~p~n", [[X || X <- [1, a, 2.0, "s", {t}], is_number(X)]]),
    io:format("~p~n", [[Y || X <- [[1, 2], [3], []], Y <- X]]),
    io:format("~p~n", [[X || X <- [], X > 1]]),
    io:format("~p~n", [[ok || true]]),
    io:format("~p~n", [[ok || false]]),
    io:format("~p~n", [[{X, Y} || X <- [1, 2], Y <- [X, X * 10]]]),
    io:format("~p~n", [qsort([5, 3, 8, 1, 9, 2, 7, 3])]),
    io:format("~p~n", [perms([a, b, c])]),
    %% binary generators
    io:format("~p~n", [[B || <<B>> <= <<1, 2, 3, 4>>]]),
    io:format("~p~n", [[{R, G, Bl} || <<R:8, G:8, Bl:8>> <= <<10, 20, 30, 40, 50, 60, 70>>]]),
    io:format("~p~n", [[X || <<X:4>> <= <<16#AB, 16#CD>>]]),
    io:format("~p~n", [[X || <<X:3>> <= <<255>>]]),
    io:format("~p~n", [<< <<(X * 2)>> || <<X>> <= <<1, 2, 3>> >>]),
    io:format("~p~n", [<< <<X:4>> || X <- [1, 2, 3, 4, 5]>>]),
    io:format("~p~n", [<< <<X/binary, ",">> || X <- [<<"a">>, <<"bc">>, <<"def">>] >>]),
    io:format("~p~n", [<< <<C>> || <<C>> <= <<"Hello World">>, C =/= $o >>]),
    io:format("~p~n", [<< <<(C - 32)>> || <<C>> <= <<"shout">> >>]),
    io:format("~p~n", [[C || <<C/utf8>> <= <<"héllo"/utf8>>]]),
    io:format("~p~n", [<< <<X:16/little>> || X <- [1, 256, 65535] >>]),
    io:format("~p~n", [<< <<B:1>> || B <- [1, 0, 1, 1, 0, 0, 1, 0, 1] >>]),
    io:format("~p~n", [[{K, V} || <<K:8, V:16/signed>> <= <<1, 255, 255, 2, 0, 5>>]]),
    io:format("~p~n", [[X || <<X:8>> <= <<1, 2, 3>>, X > 1]]),
    io:format("~p~n", [[{X, Y} || <<X>> <= <<1, 2>>, <<Y>> <= <<3, 4>>]]),
    io:format("~p~n", [<< <<X, Y>> || X <- [1, 2], Y <- [3, 4] >>]),
    io:format("~p~n", [[X || {X, _} <- [{1, a}, {2, b}], _ <- [x, y]]]),
    io:format("~p~n", [[X * Y || X <- [1, 2, 3], Y <- [10, 100], X * Y < 250]]),
    io:format("~p~n", [lists:sort([{K, V} || {K, V} <- maps:to_list(#{x => 1, y => 2, z => 3}), V > 1])]),
    io:format("~p~n", [[string:to_upper(W) || W <- string:tokens("the quick brown fox", " "), length(W) > 3]]),
    Matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9]],
    io:format("~p~n", [transpose(Matrix)]),
    io:format("~p~n", [[lists:sum(Row) || Row <- Matrix]]),
    io:format("~p~n", [[[X * Y || X <- lists:seq(1, 5)] || Y <- lists:seq(1, 5)]]),
    io:format("~p~n", [primes(60)]),
    ok.

qsort([]) -> [];
qsort([P | T]) -> qsort([X || X <- T, X < P]) ++ [P] ++ qsort([X || X <- T, X >= P]).

perms([]) -> [[]];
perms(L) -> [[H | T] || H <- L, T <- perms(L -- [H])].

transpose([[] | _]) -> [];
transpose(M) -> [[H || [H | _] <- M] | transpose([T || [_ | T] <- M])].

primes(N) -> [X || X <- lists:seq(2, N), lists:all(fun(D) -> X rem D =/= 0 end, lists:seq(2, X - 1))].
