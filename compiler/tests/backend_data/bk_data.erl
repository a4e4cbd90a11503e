-module(bk_data).
-export([main/0]).

%% Records, maps, binaries, receive, send, bignums and floats as literals.

-record(person, {name, age = 0, tags = []}).

older(#person{age = A} = P) -> P#person{age = A + 1}.

is_adult(P) when is_record(P, person), P#person.age >= 18 -> true;
is_adult(_) -> false.

map_match(#{k := V}) -> {k, V};
map_match(#{}) -> empty_or_other;
map_match(_) -> not_a_map.

bin_parse(<<Len:8, Data:Len/binary, Rest/binary>>) -> {Data, Rest};
bin_parse(<<F:32/float>>) -> {float, F};
bin_parse(_) -> bad.

drain(Acc) ->
    receive
        {msg, M} -> drain([M | Acc])
    after 0 -> lists_reverse(Acc, [])
    end.

lists_reverse([], A) -> A;
lists_reverse([H | T], A) -> lists_reverse(T, [H | A]).

selective() ->
    self() ! first,
    self() ! {second, 2},
    receive {second, X} -> X end.

main() ->
    P = #person{name = "ann"},
    P2 = older(older(P)),
    Recs = {P2, P2#person.age, is_adult(P2), is_adult(#person{age = 30}), is_adult(x),
            #person.age, record_info(fields, person),
            (catch P#person{}#person.name), element(1, catch (id(x))#person.name)},
    M = #{a => 1, b => 2},
    M2 = M#{a := 10, c => 3},
    Maps = {M2, map_match(#{k => v}), map_match(#{}), map_match(3), maps_get(b, M2),
            element(1, catch M#{zz := 1})},
    Bins = {<<1, 2, "hi">>, bin_parse(<<3, "abcdef">>), bin_parse(<<1.5:32/float>>),
            bin_parse(<<9>>), <<300:16/little, -1:8/signed>>, byte_size(<<0:100>>),
            <<"abc"/utf8, 955/utf8>>},
    self() ! {msg, 1},
    self() ! {msg, 2},
    Msgs = {drain([]), selective(), receive first -> got_first after 0 -> none end},
    Nums = {123456789012345678901234567890, -0.5, 1.0e100, 16#ff, $a, 7 rem 3, -7 div 2},
    {Recs, Maps, Bins, Msgs, Nums, types()}.

id(X) -> X.

maps_get(K, M) ->
    #{K := V} = M,
    V.

%% Type tests as values.
types() ->
    F = fun(X) -> X end,
    [is_function(F, 1), is_function(F, 2), is_record(#person{}, person), is_record(x, person),
     is_atom(id(a)), is_list(id(3))].
