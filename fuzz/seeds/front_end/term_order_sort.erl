-module(term_order_sort).
-export([main/0]).

%% number < atom < reference < fun < port < pid < tuple < map < nil < list < bitstring
main() ->
    Terms = [<<"bin">>, [1], [], #{a => 1}, {1, 2}, {0}, abc, 42, 3.5, "str", <<1:3>>, zzz, -1, {}, #{}],
    io:format("~p~n", [lists:sort(Terms)]),
    io:format("~p~n", [lists:sort([1, 1.0, 0.5, 2, -3, -3.0, 1 bsl 70, -(1 bsl 70)])]),
    io:format("~p~n", [lists:sort([{b, 1}, {a, 2}, {a, 1, 0}, {a}, {a, 1}])]),
    io:format("~p~n", [lists:sort([[b], [a, c], [a], [a, b], "aa"])]),
    io:format("~p~n", [lists:sort([<<2>>, <<1, 2>>, <<1>>, <<>>, <<1:1>>, <<0:1>>])]),
    io:format("~p~n", [lists:sort([#{b => 1}, #{a => 2}, #{a => 1, b => 1}, #{c => 0}])]),
    io:format("~p~n", [lists:sort([b, a, 'B', 'A', aa, '', 'Z'])]),
    io:format("~p~n", [[1 < a, a < {}, {} < #{}, #{} < [], [] < [a], [a] < <<>>]]),
    io:format("~p~n", [[{1, 2} < {1, 2, 3}, {2} < {1, 1}, [2] > [1, 1]]]),
    io:format("~p~n", [[#{a => 1} < #{a => 2}, #{b => 1} > #{a => 2}, #{1 => a} < #{1.0 => a}]]),
    io:format("~p~n", [lists:usort([3, 1, 2, 3, 1, 1.0])]),
    io:format("~p~n", [[max(1, 1.0), min(1, 1.0), max(a, 1), min("a", a)]]).
