%% Checks kr_dict against OTP's dict by contents (sorted lists): bucket
%% order differs by design (phash2 vs phash, see dict.erl).
-module(dict_tests).
-export([main/0]).

main() ->
    rand:seed(exsss, {51, 52, 53}),
    Ops = [fun(M, D) -> M:store(rand:uniform(200), rand:uniform(9), D) end,
           fun(M, D) -> M:erase(rand:uniform(200), D) end,
           fun(M, D) -> M:append(300 + rand:uniform(100), x, D) end,
           fun(M, D) -> M:update_counter(rand:uniform(200), 1, D) end,
           fun(M, D) -> M:filter(fun(K, _) -> K rem 7 =/= 0 end, D) end],
    Bad = lists:sum([run(Ops) || _ <- lists:seq(1, 100)]),
    Same = kr_dict:new() =:= dict:new() andalso
        (catch kr_dict:fetch(a, kr_dict:new())) =:= (catch kr_dict:fetch(a, kr_dict:new())),
    io:format("dict_tests: ~p failures, new() identical: ~p~n", [Bad, Same]).

run(Ops) ->
    Seq = [{lists:nth(rand:uniform(length(Ops)), Ops), rand:seed_s(exsss)} || _ <- lists:seq(1, 300)],
    {D1, D2} = lists:foldl(fun({Op, S}, {A, B}) ->
                                   rand:seed(S), A1 = Op(dict, A),
                                   rand:seed(S), B1 = Op(kr_dict, B),
                                   {A1, B1}
                           end, {dict:new(), kr_dict:new()}, Seq),
    Checks = [lists:sort(dict:to_list(D1)) =:= lists:sort(kr_dict:to_list(D2)),
              dict:size(D1) =:= kr_dict:size(D2),
              lists:sort(dict:fetch_keys(D1)) =:= lists:sort(kr_dict:fetch_keys(D2)),
              [dict:find(K, D1) || K <- lists:seq(1, 200)] =:= [kr_dict:find(K, D2) || K <- lists:seq(1, 200)],
              lists:sort(dict:to_list(dict:map(fun(_, V) -> {V} end, D1))) =:=
                  lists:sort(kr_dict:to_list(kr_dict:map(fun(_, V) -> {V} end, D2))),
              element(3, D1) =:= element(3, D2), element(4, D1) =:= element(4, D2)],
    length([x || false <- Checks]).
