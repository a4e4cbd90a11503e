-module(sl_maps).
-export([main/0]).

main() ->
    M0 = #{},
    M1 = M0#{a => 1, b => 2},
    M2 = M1#{a := 10},
    M3 = M2#{c => #{inner => [1, 2]}, "str" => <<"v">>, {t, 1} => tuple_key, 1 => int, 1.0 => float},
    io:format("~p~n~p~n~p~n", [M1, M2, M3]),
    io:format("size ~p~n", [map_size(M3)]),
    #{a := A, c := #{inner := Inner}} = M3,
    io:format("A ~p Inner ~p~n", [A, Inner]),
    io:format("int/float keys ~p ~p~n", [maps:get(1, M3), maps:get(1.0, M3)]),
    io:format("~p~n", [[describe(M) || M <- [#{type => circle, r => 2}, #{type => square, side => 3},
                                           #{type => other}, #{}, #{type => circle}]]]),
    Nested = #{l1 => #{l2 => #{l3 => deep}}},
    #{l1 := #{l2 := #{l3 := Deep}}} = Nested,
    io:format("deep ~p~n", [Deep]),
    N2 = Nested#{l1 := (maps:get(l1, Nested))#{l2 := #{l3 => changed, extra => 1}}},
    io:format("nested update ~p~n", [N2]),
    K = key,
    Dyn = #{K => 1, {K, K} => 2},
    #{K := V1, {K, K} := V2} = Dyn,
    io:format("dyn ~p ~p ~p~n", [Dyn, V1, V2]),
    io:format("badkey ~p~n", [catch_it(fun() -> M1#{zz := 1} end)]),
    io:format("badkey get ~p~n", [catch_it(fun() -> maps:get(zz, M1) end)]),
    io:format("badmap ~p~n", [catch_it(fun() -> (id(not_map))#{a => 1} end)]),
    io:format("badmatch ~p~n", [catch_it(fun() -> #{zz := _} = id(M1) end)]),
    io:format("fun head ~p ~p~n", [get_a(#{a => x}), get_a(#{b => y})]),
    io:format("eq ~p ~p ~p~n", [#{a => 1, b => 2} =:= #{b => 2, a => 1}, #{a => 1} == #{a => 1.0}, #{a => 1} =:= #{a => 1.0}]),
    io:format("keys ~p values ~p~n", [maps:keys(M1), maps:values(M1)]),
    io:format("to_list ~p~n", [maps:to_list(#{3 => c, 1 => a, 2 => b})]),
    io:format("from_list ~p~n", [maps:from_list([{a, 1}, {b, 2}, {a, 3}])]),
    io:format("find ~p ~p~n", [maps:find(a, M1), maps:find(q, M1)]),
    io:format("fold ~p~n", [maps:fold(fun(_, V, Acc) -> V + Acc end, 0, M1)]),
    io:format("merge ~p~n", [maps:merge(M1, #{b => 20, d => 4})]),
    io:format("remove ~p~n", [maps:remove(a, M1)]),
    io:format("update_with ~p~n", [maps:update_with(a, fun(V) -> V * 100 end, M1)]),
    io:format("filter ~p~n", [maps:filter(fun(_, V) -> V > 1 end, M1)]),
    io:format("is_key ~p ~p~n", [is_map_key(a, M1), maps:is_key(x, M1)]),
    io:format("with ~p without ~p~n", [maps:with([a], M1), maps:without([a], M1)]),
    io:format("ordering ~p~n", [#{b => 1, a => 2, 1 => x, "s" => y, {1} => z, [1] => w, <<"b">> => v, 1.5 => u}]),
    Counts = lists:foldl(fun(W, Acc) -> maps:update_with(W, fun(C) -> C + 1 end, 1, Acc) end, #{},
                         string:tokens("a b a c b a d", " ")),
    io:format("counts ~p~n", [Counts]),
    io:format("in lc ~p~n", [[V || #{v := V} <- [#{v => 1}, #{w => 2}, #{v => 3, w => 4}]]]),
    io:format("case ~p~n", [case M1 of #{a := 1, b := B} when B > 1 -> {matched, B}; _ -> nope end]),
    io:format("empty pattern ~p~n", [case 5 of #{} -> map; _ -> not_map end]),
    io:format("guard map_get ~p~n", [[G || G <- [#{x => 1}, #{x => 5}, #{y => 1}], is_map_key(x, G) andalso map_get(x, G) > 2]]),
    io:format("~w~n", [#{a => [1, 2], b => {x, y}}]),
    io:format("~p~n", [#{list => lists:seq(1, 30), nested => #{deep => #{deeper => lists:seq(1, 10)}}}]),
    Big = maps:from_list([{I, I * I} || I <- lists:seq(1, 20)]),
    io:format("big ~p~n", [Big]),
    io:format("update many ~p~n", [Big#{1 := one, 20 := twenty, 21 => new}]),
    ok.

describe(#{type := circle, r := R}) -> {circle, R};
describe(#{type := square} = M) -> {square, maps:get(side, M)};
describe(#{type := T}) -> {unknown, T};
describe(#{}) -> empty.

get_a(#{a := V}) -> V;
get_a(_) -> none.

catch_it(F) ->
    try F() of
        V -> {ok, V}
    catch
        C:R -> {C, R}
    end.

id(X) -> X.
