%% System limits with erl's defaults: the process and atom limits and counts, and the builtins
%% that refuse a tuple past BEAM's largest arity or a too-long atom.
-module(proc_limits).
-export([main/0]).

main() ->
    io:format("process_limit ~p~n", [erlang:system_info(process_limit)]),
    io:format("atom_limit ~p~n", [erlang:system_info(atom_limit)]),
    P0 = erlang:system_info(process_count),
    Waiters = [spawn(fun() -> receive stop -> ok end end) || _ <- lists:seq(1, 10)],
    io:format("ten more processes: ~p~n", [erlang:system_info(process_count) - P0]),
    Refs = [monitor(process, W) || W <- Waiters],
    [W ! stop || W <- Waiters],
    [receive {'DOWN', R, process, _, normal} -> ok end || R <- Refs],
    io:format("after they end: ~p~n", [erlang:system_info(process_count) - P0]),
    A0 = erlang:system_info(atom_count),
    New = [list_to_atom("proc_limits_new_" ++ integer_to_list(I)) || I <- lists:seq(1, 5)],
    Again = [list_to_atom("proc_limits_new_" ++ integer_to_list(I)) || I <- lists:seq(1, 5)],
    A1 = erlang:system_info(atom_count),
    io:format("five new atoms: ~p ~p~n", [A1 - A0, New =:= Again]),
    io:format("~p~n", [try_it(fun() -> list_to_atom(lists:duplicate(256, $a)) end)]),
    io:format("~p~n", [try_it(fun() -> binary_to_atom(binary:copy(<<"b">>, 256), utf8) end)]),
    io:format("~p~n", [try_it(fun() -> erlang:make_tuple(16#1000000, x) end)]),
    io:format("~p~n", [try_it(fun() -> erlang:make_tuple(1 bsl 30, x) end)]),
    io:format("~p~n", [try_it(fun() -> erlang:make_tuple(16#1000000, x, [{1, y}]) end)]),
    Max = erlang:make_tuple(16#FFFFFF, x),
    io:format("largest tuple: ~p~n", [tuple_size(Max)]),
    io:format("~p~n", [try_it(fun() -> erlang:append_element(Max, y) end)]),
    io:format("~p~n", [try_it(fun() -> erlang:insert_element(1, Max, y) end)]),
    io:format("~p~n", [try_it(fun() -> list_to_tuple(lists:duplicate(16#1000000, a)) end)]),
    io:format("~p~n", [try_it(fun() -> 1 bsl (1 bsl 40) end)]),
    ok.

try_it(F) ->
    try F() of
        V when is_tuple(V) -> {ok, tuple_size(V)};
        V -> {ok, V}
    catch
        C:E -> {C, E}
    end.
