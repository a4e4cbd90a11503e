%% Hashing (erlang:phash2, map keys in flat and large maps) and the external term format on
%% terms a million levels deep.
-module(deep_hash_etf).
-export([main/0]).

-define(N, 1000000).

list(N) -> lists:foldl(fun(_, A) -> [A] end, [], lists:seq(1, N)).
tuple(N) -> lists:foldl(fun(_, A) -> {A} end, x, lists:seq(1, N)).
key_maps(N) -> lists:foldl(fun(_, A) -> #{A => 1} end, x, lists:seq(1, N)).
value_maps(N) -> lists:foldl(fun(_, A) -> #{a => A} end, x, lists:seq(1, N)).
big_map(K) -> maps:from_list([{K, key} | [{I, I} || I <- lists:seq(1, 40)]]).

show(Label, Value) -> io:format("~s: ~P~n", [Label, Value, 6]).

main() ->
    L = list(?N),
    T = tuple(?N),
    KM = key_maps(?N),
    VM = value_maps(?N),
    show("phash2", [erlang:phash2(X) || X <- [L, T, KM, VM]]),
    show("flat map key", maps:get(list(?N), #{L => found})),
    BigK = big_map(KM),
    show("large map key", maps:get(key_maps(?N), BigK)),
    show("large map value key", maps:get(value_maps(?N), big_map(VM))),
    show("large maps equal", {BigK =:= big_map(key_maps(?N)), BigK == big_map(VM)}),
    show("merge", maps:merge(#{KM => 1}, #{key_maps(?N) => 2}) =:= #{KM => 2}),
    [begin
         Bin = term_to_binary(X),
         show(Name, {byte_size(Bin), binary_to_term(Bin) =:= X})
     end
     || {Name, X} <- [{"etf list", L}, {"etf tuple", T}, {"etf map keys", KM},
                      {"etf map values", VM}]],
    ok.
