-module(term_order_kinds).
-export([main/0]).

%% number < atom < reference < fun < port < pid < tuple < map < nil < list < bitstring,
%% checked on values whose printed form is not deterministic (only booleans are printed).
main() ->
    Ref = make_ref(),
    Fun = fun() -> ok end,
    Pid = self(),
    io:format("~p~n", [[1 < a, a < Ref, Ref < Fun, Fun < Pid, Pid < {}, {} < #{}]]),
    io:format("~p~n", [[is_reference(Ref), is_pid(Pid), is_function(Fun, 0), Ref =:= Ref, Ref =/= make_ref()]]),
    Sorted = lists:sort([<<>>, [x], [], #{}, {}, Pid, Fun, Ref, atom, 1.5]),
    io:format("~p~n", [[classify(T) || T <- Sorted]]),
    io:format("~p~n", [lists:sort([3, Ref, 1]) =:= [1, 3, Ref]]).

classify(T) when is_number(T) -> number;
classify(T) when is_atom(T) -> atom;
classify(T) when is_reference(T) -> reference;
classify(T) when is_function(T) -> 'fun';
classify(T) when is_pid(T) -> pid;
classify(T) when is_tuple(T) -> tuple;
classify(T) when is_map(T) -> map;
classify([]) -> nil;
classify(T) when is_list(T) -> list;
classify(T) when is_bitstring(T) -> bitstring.
