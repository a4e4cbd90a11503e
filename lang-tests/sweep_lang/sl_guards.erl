-module(sl_guards).
-export([main/0]).

main() ->
    Vals = [0, 1, -5, 42, 3.5, -0.0, 1 bsl 70, atom, true, "str", <<"bin">>, <<1:3>>,
            [], [1 | 2], {}, {a, b}, #{}, #{k => v}, fun() -> ok end, self(), make_ref()],
    lists:foreach(fun(V) -> io:format("~w~n", [classify(V)]) end, Vals),
    lists:foreach(fun(V) -> io:format("num ~p~n", [numeric(V)]) end,
                  [0, 5, -3, 2.5, 100, 1000000000000000000000, -1.5e10, 7, 12]),
    io:format("~p~n", [[semi(X) || X <- [1, 2, 3, 4, 5, 6, a, {x}]]]),
    io:format("~p~n", [[fail_guard(X) || X <- [1, a, {1, 2}, [1, 2, 3], <<>>, 0, 2.0]]]),
    io:format("~p~n", [[bool_ops(A, B) || A <- [true, false], B <- [true, false]]]),
    io:format("~p~n", [[short(X) || X <- [1, 0, a, [], {1}]]]),
    io:format("~p~n", [[sizes(X) || X <- [{1, 2}, {1, 2, 3}, <<1, 2>>, <<1, 2, 3, 4>>, [a, b], "abcd", #{a => 1}]]]),
    io:format("~p~n", [[bifs(X) || X <- [-3, 4, 2.7, -2.5, 9]]]),
    io:format("~p~n", [[maps_g(X) || X <- [#{a => 1}, #{b => 2}, #{a => 1, b => 2}, #{}]]]),
    io:format("~p~n", [[elem(X) || X <- [{a, 1}, {b, 2, 3}, {c}, x]]]),
    io:format("~p~n", [[cmp(A, B) || A <- [1, 1.0, 2], B <- [1, 1.0]]]),
    io:format("~p~n", [[xor_g(A, B) || A <- [true, false], B <- [true, false]]]),
    io:format("~p~n", [[not_g(X) || X <- [1, 2, 3]]]),
    io:format("~p~n", [[func_g(X) || X <- [fun lists:map/2, fun(_) -> x end, fun() -> y end, 3]]]),
    io:format("~p~n", [[bin_g(X) || X <- [<<"abc">>, <<1:1>>, <<>>, <<1:16>>]]]),
    io:format("~p~n", [[nodes_g(X) || X <- [node(), self(), x]]]),
    io:format("~p~n", [[arith_g(X) || X <- [10, 11, 15, 30, -7]]]),
    io:format("~p~n", [[tl_g(X) || X <- [[1], [1, 2], [], a]]]),
    ok.

classify(X) when is_integer(X), X > 1000000 -> {bigint, X};
classify(X) when is_integer(X) -> {int, X};
classify(X) when is_float(X) -> {float, X};
classify(X) when is_boolean(X) -> {bool, X};
classify(X) when is_atom(X) -> {atom, X};
classify(X) when is_bitstring(X), not is_binary(X) -> {bits, bit_size(X)};
classify(X) when is_binary(X) -> {bin, byte_size(X)};
classify([]) -> nil;
classify(X) when is_list(X), length(X) > 0 -> {list, length(X)};
classify(X) when is_list(X) -> improper;
classify(X) when is_tuple(X), tuple_size(X) =:= 0 -> empty_tuple;
classify(X) when is_tuple(X) -> {tuple, tuple_size(X)};
classify(X) when is_map(X), map_size(X) =:= 0 -> empty_map;
classify(X) when is_map(X) -> {map, map_size(X)};
classify(X) when is_function(X, 0) -> fun0;
classify(X) when is_pid(X) -> pid;
classify(X) when is_reference(X) -> ref;
classify(_) -> unknown.

numeric(X) when X > 10, X < 50; X =:= 7 -> teen_or_seven;
numeric(X) when X >= 100, is_integer(X) -> hundreds;
numeric(X) when X < 0, is_float(X) -> negfloat;
numeric(X) when X < 0 -> negative;
numeric(X) when X == 0 -> zero;
numeric(X) when is_float(X) andalso X > 2 -> float_gt2;
numeric(_) -> small.

semi(X) when X =:= 1; X =:= 3; X =:= 5 -> odd_small;
semi(X) when is_integer(X), X rem 2 =:= 0 -> even;
semi(X) when is_atom(X); is_tuple(X) -> non_number.

fail_guard(X) when X + 1 > 1 -> positive_sum;
fail_guard(X) when element(1, X) =:= 1 -> tuple_first_one;
fail_guard(X) when hd(X) =:= 1 -> list_head_one;
fail_guard(X) when length(X) >= 0 -> list;
fail_guard(X) when byte_size(X) == 0 -> empty_bin;
fail_guard(_) -> fallthrough.

bool_ops(A, B) when A andalso B -> both;
bool_ops(A, B) when A orelse B -> one;
bool_ops(_, _) -> none.

short(X) when is_integer(X) andalso 10 div X > 1 -> divisible;
short(X) when (X =:= 0) orelse (X =:= a) -> zero_or_a;
short(X) when not is_list(X) andalso not is_integer(X) -> not_list;
short(_) -> other.

sizes(X) when tuple_size(X) =:= 2 -> pair;
sizes(X) when size(X) =:= 3 -> triple;
sizes(X) when byte_size(X) =:= 2 -> twobytes;
sizes(X) when bit_size(X) =:= 32 -> bits32;
sizes(X) when length(X) =:= 2 -> twolist;
sizes(X) when is_list(X) -> {list, length(X)};
sizes(X) when map_size(X) > 0 -> map.

bifs(X) when abs(X) > 3, is_integer(X) -> {abs, abs(X)};
bifs(X) when trunc(X) =:= 2 -> {trunc, trunc(X), round(X)};
bifs(X) when round(X) =:= -3 -> {round, round(X)};
bifs(X) when float(X) > 8.5 -> {float, float(X)};
bifs(X) when -X < 0, X band 1 =:= 0 -> {neg, -X};
bifs(X) -> {other, X}.

maps_g(M) when is_map_key(a, M), map_get(a, M) =:= 1, not is_map_key(b, M) -> only_a;
maps_g(#{b := B} = M) when map_size(M) > 1 -> {b_and_more, B};
maps_g(#{b := B}) -> {only_b, B};
maps_g(_) -> empty.

elem(T) when is_tuple(T), element(1, T) =:= a -> first_a;
elem(T) when tuple_size(T) >= 3, element(3, T) > 2 -> third_big;
elem(T) when element(1, T) == c -> c;
elem(_) -> nope.

cmp(A, B) when A =:= B -> exact;
cmp(A, B) when A == B -> equal;
cmp(A, B) when A /= B, A =/= B -> different.

xor_g(A, B) when A xor B -> xor_true;
xor_g(A, B) when A and B -> and_true;
xor_g(A, B) when A or B -> or_true;
xor_g(_, _) -> none.

not_g(X) when not (X =:= 2) -> not_two;
not_g(_) -> two.

func_g(F) when is_function(F, 2) -> arity2;
func_g(F) when is_function(F, 1) -> arity1;
func_g(F) when is_function(F) -> other_fun;
func_g(_) -> not_fun.

bin_g(B) when is_binary(B), byte_size(B) > 2 -> long;
bin_g(B) when bit_size(B) rem 8 =/= 0 -> odd_bits;
bin_g(<<>>) -> empty;
bin_g(<<N:16>>) when N > 0 -> {short, N}.

nodes_g(X) when X =:= node() -> local_node;
nodes_g(X) when is_pid(X), node(X) =:= node() -> local_pid;
nodes_g(_) -> other.

arith_g(X) when X rem 3 =:= 0, X div 3 > 4 -> multiple_of_3_big;
arith_g(X) when X rem 5 =:= 0 -> multiple_of_5;
arith_g(X) when X bsl 2 > 40 -> shifted_big;
arith_g(X) when X bxor 3 < 0 -> negative;
arith_g(_) -> other.

tl_g(X) when tl(X) =:= [] -> single;
tl_g(X) when hd(tl(X)) =:= 2 -> second_two;
tl_g(_) -> other.
