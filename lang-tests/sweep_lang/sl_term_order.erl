-module(sl_term_order).
-export([main/0]).

main() ->
    Ref = make_ref(),
    Pid = self(),
    Fun = fun() -> ok end,
    Terms = [<<"b">>, [b], [], {a, b}, #{a => 1}, a, 1, 1.0, -3, Ref, Pid, Fun, {}, <<>>, "a",
             [a | b], 2.5, 1 bsl 80, -(1 bsl 80), #{}, {a}, {1, 2, 3}, #{b => 0, a => 9}, nil, <<1:1>>],
    Sorted = lists:sort(Terms),
    io:format("~p~n", [[label(T, Ref, Pid, Fun) || T <- Sorted]]),
    io:format("~p~n", [lists:sort([3, 2.0, 1, 2, 1.0, 3.0, -0.0, 0])]),
    io:format("~p~n", [lists:usort([1, 1.0, a, a, "x", "x", {1}, {1.0}])]),
    io:format("~p~n", [[1 < 1.5, 2 > 1.99999, 1 == 1.0, 1 < 1.0, 1.0 < 1, 0 == -0.0, 0 =:= 0.0]]),
    io:format("~p~n", [[a < ab, ab < b, '' < a, 'Z' < a, aa > a]]),
    io:format("~p~n", [[{1, 2} < {1, 2, 0}, {2} < {1, 1}, {a, 1} < {a, 2}, {b} > {a, z}]]),
    io:format("~p~n", [[[1, 2] < [1, 3], [1] < [1, 0], [2] > [1, 9], "abc" < "abd", "" < "a", [1 | 2] > [1]]]),
    io:format("~p~n", [[<<1>> < <<2>>, <<1, 2>> > <<1>>, <<1:1>> < <<1>>, <<0:2>> < <<0:3>>, <<"b">> > <<"abc">>]]),
    io:format("~p~n", [[#{a => 1} < #{a => 2}, #{a => 1} < #{b => 1}, #{z => 1} < #{a => 1, b => 1},
                        #{1 => a} < #{a => a}, #{1.0 => a} < #{1 => a}, #{a => 1} == #{a => 1.0}]]),
    io:format("~p~n", [[1 bsl 80 > 1.0e20, 1 bsl 80 < 1.0e30, -(1 bsl 80) < -1.0e20, (1 bsl 53) + 1 > float(1 bsl 53)]]),
    io:format("~p~n", [[(1 bsl 53) + 1 == float((1 bsl 53) + 1), 9007199254740993 < 9007199254740992.0]]),
    io:format("~p~n", [lists:sort([{b, 2}, {a, 3}, {b, 1}, {a, 1.0}, {a, 1}])]),
    io:format("~p~n", [lists:keysort(2, [{x, 3}, {y, 1}, {z, 2}, {w, 1}])]),
    io:format("~p~n", [lists:sort(fun(A, B) -> A > B end, [c, a, b])]),
    io:format("~p~n", [[max(1, 1.0), min(1, 1.0), max(1.0, 1), min(1.0, 1)]]),
    io:format("~p~n", [[erlang:max(a, "a"), erlang:min([], {}), max(<<>>, []), min(#{}, {})]]),
    io:format("~p~n", [lists:sort([[], [[]], [[], []], [[[]]]])]),
    io:format("~p~n", [lists:sort(["b", "ab", "a", "ba", "", "aa"])]),
    io:format("~p~n", [lists:sort([#{a => 2}, #{a => 1, b => 1}, #{b => 1}, #{}, #{a => 1}])]),
    io:format("~p~n", [lists:sort([{1, a}, {1.0, b}, {1, c}])]),
    io:format("~p~n", [lists:usort([{1, a}, {1.0, a}])]),
    io:format("~p~n", [lists:sort([ -1.0e300, -(1 bsl 1100), 1 bsl 1100, 1.0e300, 0])]),
    ok.

label(T, Ref, _, _) when T =:= Ref -> ref;
label(T, _, Pid, _) when T =:= Pid -> pid;
label(T, _, _, Fun) when T =:= Fun -> 'fun';
label(T, _, _, _) -> T.
