-module(sf_pretty_nested).
-export([main/0]).

-record(person, {name, age, email = none, tags = [], address}).
-record(addr, {street, city, zip}).

%% ~p line breaking of deep lists, tuples and records-as-tuples.
tree(0) -> leaf;
tree(N) -> {node, N, tree(N - 1), tree(N - 1)}.

main() ->
    io:format("~p~n", [tree(4)]),
    io:format("~p~n", [[tree(2), tree(1), [tree(1)]]]),
    P = #person{name = "Alice Wonderland", age = 42, tags = [admin, staff, remote],
                address = #addr{street = "1 Very Long Street Name Indeed", city = "Springfield", zip = 12345}},
    io:format("~p~n", [P]),
    io:format("~p~n", [[P, P#person{name = "Bob", tags = []}]]),
    io:format("~w~n", [P]),
    Nested = lists:foldl(fun(I, Acc) -> [I, Acc] end, [], lists:seq(1, 25)),
    io:format("~p~n", [Nested]),
    Deep = lists:foldl(fun(I, Acc) -> {I, Acc} end, nil, lists:seq(1, 30)),
    io:format("~p~n", [Deep]),
    io:format("~p~n", [lists:seq(1, 100)]),
    io:format("~p~n", [[lists:seq(1, N) || N <- lists:seq(1, 12)]]),
    io:format("~p~n", [list_to_tuple(lists:seq(1, 45))]),
    io:format("~p~n", [{a_rather_long_tag_name_here, [x, y, z], {another_long_tag, "with a string inside", 12345678}}]),
    io:format("~p~n", [{'quoted Atom', 'another-one', [], {}, "", <<>>, #{}}]),
    io:format("~p~n", [[{error, {badmatch, [1, 2, 3]}, [{module, function, 3, [{file, "src/module.erl"}, {line, 120}]}]}]]),
    Improper = [a, b, c | d],
    io:format("~p ~w~n", [Improper, Improper]),
    io:format("~p~n", [[lists:seq(1, 30) | tail_atom]]),
    io:format("~p~n", [[[a | b], [1, 2 | 3], [[] | []]]]),
    io:format("~p~n", [{ok, lists:duplicate(10, {key, value, "string"})}]),
    io:format("start ~p end~n", [lists:duplicate(8, {abc, def})]),
    io:format("~s~p~n", [lists:duplicate(60, $-), [one, two, three, four, five]]),
    io:format("~p~n", [{{{{{{{{{{deep}}}}}}}}}}]),
    io:format("~P~n", [tree(5), 6]),
    io:format("~P~n", [lists:seq(1, 50), 10]),
    io:format("~P~n", [{a, [b, [c, [d, [e]]]]}, 3]),
    io:format("~W~n", [{a, [b, [c, [d, [e]]]]}, 3]),
    io:format("~P ~P ~P~n", [x, 0, [1], 1, {1, 2}, 1]),
    ok.
