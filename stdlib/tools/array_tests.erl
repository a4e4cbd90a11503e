%% Compares kr_array with OTP's array through the API (representations
%% differ by design).
-module(array_tests).
-export([main/0]).

main() ->
    rand:seed(exsss, {61, 62, 63}),
    Bad = lists:sum([one() || _ <- lists:seq(1, 400)]),
    io:format("array_tests: ~p failures~n", [Bad]).

one() ->
    L = [rand:uniform(5) || _ <- lists:seq(1, rand:uniform(30) - 1)],
    Opts = lists:nth(rand:uniform(4), [[], [{default, 0}], fixed, [{size, 12}, {default, z}]]),
    Steps = [{lists:nth(rand:uniform(5), [set, reset, get, fix, fix]), rand:uniform(40) - 1, rand:uniform(3)}
             || _ <- lists:seq(1, 20)],
    R1 = (catch run(array, L, Opts, Steps)),
    R2 = (catch run(kr_array, L, Opts, Steps)),
    case norm(R1) =:= norm(R2) of
        true -> 0;
        false -> io:format("MISMATCH ~p ~p ~p~n ~p~n ~p~n", [L, Opts, Steps, R1, R2]), 1
    end.

norm({'EXIT', {R, _}}) -> {exit, R};
norm(X) -> X.

run(M, L, Opts, Steps) ->
    A0 = case L of
             [] -> M:new(Opts);
             _ -> M:from_list(L, 0)
         end,
    {A, Gets} = lists:foldl(fun({set, I, V}, {A, G}) -> {M:set(I, V, A), G};
                               ({reset, I, _}, {A, G}) -> {M:reset(I, A), G};
                               ({get, I, _}, {A, G}) -> {A, [M:get(I, A) | G]};
                               ({resize, I, _}, {A, G}) -> {M:resize(I, A), G};
                               ({fix, _, 1}, {A, G}) -> {M:fix(A), G};
                               ({fix, _, _}, {A, G}) -> {M:relax(A), G}
                            end, {A0, []}, Steps),
    [Gets, M:size(A), M:to_list(A), M:sparse_to_list(A), M:to_orddict(A), M:sparse_to_orddict(A),
     M:sparse_size(A), M:is_fix(A), M:default(A), M:to_list(M:resize(A)),
     M:foldl(fun(I, V, Acc) -> [{I, V} | Acc] end, [], A), M:sparse_foldr(fun(I, V, Acc) -> [{I, V} | Acc] end, [], A),
     M:to_list(M:map(fun(I, V) -> {I, V} end, A)), M:sparse_to_list(M:sparse_map(fun(_, V) -> {V} end, A)),
     M:to_list(M:from_orddict(M:sparse_to_orddict(A)))].
