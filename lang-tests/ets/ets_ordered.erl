-module(ets_ordered).
-export([main/0]).

%% ordered_set iterates in Erlang term order, with == on keys.

p(Label, X) -> io:format("~s: ~p~n", [Label, X]).

main() ->
    T = ets:new(o, [ordered_set]),
    Keys = [b, 3, 2.5, "str", <<"bin">>, {t, 1}, [1], 1, a, self(), make_ref(), 1.0e10, -7, {t, 0}],
    [ets:insert(T, {K, n}) || K <- Keys, not is_reference(K), not is_pid(K)],
    p("tab2list", ets:tab2list(T)),
    p("first", ets:first(T)),
    p("last", ets:last(T)),
    p("next 1", ets:next(T, 1)),
    p("next 1.0", ets:next(T, 1.0)),
    p("next absent 2", ets:next(T, 2)),
    p("prev absent 2", ets:prev(T, 2)),
    p("prev first", ets:prev(T, ets:first(T))),
    p("next last", ets:next(T, ets:last(T))),
    p("walk", walk(T, ets:first(T))),
    p("walk back", walk_back(T, ets:last(T))),
    p("1.0 replaces 1", begin ets:insert(T, {1.0, float}), ets:lookup(T, 1) end),
    p("member 1", ets:member(T, 1)),
    p("delete 1 via 1.0", begin ets:delete(T, 1.0), ets:member(T, 1) end),
    p("foldl", ets:foldl(fun({K, _}, Acc) -> [K | Acc] end, [], T)),
    p("foldr", ets:foldr(fun({K, _}, Acc) -> [K | Acc] end, [], T)),
    N = ets:new(nums, [ordered_set]),
    ets:insert(N, [{I, I * I} || I <- lists:seq(1, 20)]),
    MS = [{{'$1', '$2'}, [{'>', '$1', 5}, {'<', '$1', 15}], [{{'$1', '$2'}}]}],
    p("select", ets:select(N, MS)),
    p("select_reverse", ets:select_reverse(N, MS)),
    p("select chunks", chunks(ets:select(N, MS, 3))),
    p("select_reverse chunks", chunks(ets:select_reverse(N, MS, 4))),
    p("match_object chunks", chunks(ets:match_object(N, {'_', '_'}, 7))),
    p("select none", ets:select(N, [{{'$1', '_'}, [{'>', '$1', 100}], ['$1']}], 5)),
    p("select key bound", ets:select(N, [{{3, '$1'}, [], ['$1']}])),
    p("select_count", ets:select_count(N, [{{'$1', '$2'}, [{'>', '$2', 100}], [true]}])),
    p("select_delete", ets:select_delete(N, [{{'$1', '_'}, [{'>', '$1', 10}], [true]}])),
    p("keys left", [K || {K, _} <- ets:tab2list(N)]),
    p("select_replace", ets:select_replace(N, [{{'$1', '$2'}, [{'<', '$1', 4}], [{{'$1', {'-', '$2'}}}]}])),
    p("after replace", ets:tab2list(N)),
    p("replace changing key", catch_reason(fun() -> ets:select_replace(N, [{{'$1', '$2'}, [], [{{{'+', '$1', 100}, '$2'}}]}]) end)),
    p("unchanged", ets:tab2list(N)),
    ok.

walk(_, '$end_of_table') -> [];
walk(T, K) -> [K | walk(T, ets:next(T, K))].

walk_back(_, '$end_of_table') -> [];
walk_back(T, K) -> [K | walk_back(T, ets:prev(T, K))].

chunks('$end_of_table') -> [];
chunks({L, C}) -> [L | chunks(next_chunk(C))].

next_chunk('$end_of_table') -> '$end_of_table';
next_chunk(C) -> ets:select(C).

catch_reason(F) ->
    try F() of
        V -> {ok, V}
    catch
        C:R -> {C, R}
    end.
