-module(records_defaults).
-export([main/0]).

-record(counter, {value = 0 :: integer(), step = default_step(), label = atom_to_list(?MODULE)}).
-record(pair, {left, right}).

default_step() -> 1.

incr(#counter{value = V, step = S} = C) -> C#counter{value = V + S}.

main() ->
    C = #counter{},
    io:format("~p~n", [C]),
    io:format("~p~n", [incr(incr(C))]),
    io:format("~p~n", [(incr(C#counter{step = 10}))#counter.value]),
    P = #pair{left = 1},
    io:format("~p~n", [P]),
    io:format("~p~n", [[P#pair.right, element(2, P), tuple_size(P)]]),
    #pair{left = L, right = R} = #pair{left = a, right = b},
    io:format("~p ~p~n", [L, R]),
    io:format("~p~n", [case P of #pair{right = undefined} -> no_right; _ -> has_right end]),
    io:format("~p~n", [[X#pair.left || X <- [#pair{left = I} || I <- [1, 2, 3]]]]).
