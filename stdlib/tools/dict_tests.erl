%% Checks kr_dict and kr_sets against OTP's dict and sets: whole terms
%% (layout, bucket order) after random operation sequences.
-module(dict_tests).
-export([main/0]).

main() ->
    rand:seed(exsss, {51, 52, 53}),
    DOps = [fun(M, D) -> M:store(key(), rand:uniform(9), D) end,
            fun(M, D) -> M:erase(key(), D) end,
            fun(M, D) -> M:append(300 + rand:uniform(100), x, D) end,
            fun(M, D) -> M:update_counter(rand:uniform(200), 1, D) end,
            fun(M, D) -> M:filter(fun(K, _) -> erlang:phash2(K) rem 7 =/= 0 end, D) end],
    SOps = [fun(M, S) -> M:add_element(key(), S) end,
            fun(M, S) -> M:del_element(key(), S) end,
            fun(M, S) -> M:filter(fun(E) -> erlang:phash2(E) rem 9 =/= 0 end, S) end,
            fun(M, S) -> M:union(S, M:from_list([key() || _ <- lists:seq(1, 5)])) end,
            fun(M, S) -> M:subtract(S, M:from_list([key() || _ <- lists:seq(1, 5)])) end],
    BadD = lists:sum([run(DOps, dict, kr_dict) || _ <- lists:seq(1, 60)]),
    BadS = lists:sum([run(SOps, sets, kr_sets) || _ <- lists:seq(1, 60)]),
    Terms = [a, 'é', [], 0, -1, 1 bsl 40, -(1 bsl 70), 1.5, -0.0, "abc", [a | b], {}, {a, [1]},
             <<1, 2>>, <<5:3>>, #{a => 1}] ++ [fmt_tests:gen(3) || _ <- lists:seq(1, 2000)],
    BadH = length([T || T <- Terms, erlang:phash(T, 1 bsl 32) =/= kr_krarup_phash:phash(T, 1 bsl 32)]),
    io:format("dict_tests: ~p dict failures, ~p sets failures, ~p phash failures~n", [BadD, BadS, BadH]).

key() ->
    case rand:uniform(4) of
        1 -> rand:uniform(200);
        2 -> list_to_atom([$a + rand:uniform(20)]);
        3 -> {k, rand:uniform(30)};
        _ -> integer_to_list(rand:uniform(50))
    end.

run(Ops, M1, M2) ->
    Seq = [{lists:nth(rand:uniform(length(Ops)), Ops), rand:seed_s(exsss)} || _ <- lists:seq(1, 300)],
    {D1, D2, Bad} = lists:foldl(fun({Op, S}, {A, B, N}) ->
                                        rand:seed(S), A1 = Op(M1, A),
                                        rand:seed(S), B1 = Op(M2, B),
                                        {A1, B1, N + case A1 =:= B1 of true -> 0; false -> 1 end}
                                end, {M1:new(), M2:new(), 0}, Seq),
    Bad + case M1:to_list(D1) =:= M2:to_list(D2) of true -> 0; false -> 1 end.
