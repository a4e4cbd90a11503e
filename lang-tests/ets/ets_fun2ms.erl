-module(ets_fun2ms).
-export([main/0]).
-include_lib("stdlib/include/ms_transform.hrl").

%% ets:fun2ms/1 through ms_transform.hrl: the specifications the transform builds, and selects
%% with them.

p(Label, X) -> io:format("~s: ~p~n", [Label, X]).

main() ->
    Min = 3,
    Tag = big,
    Specs = [
        {"guard with outer variable", ets:fun2ms(fun({K, V}) when K > Min, is_atom(V) -> {V, K} end)},
        {"alternatives", ets:fun2ms(fun({K, _} = Obj) when K > 10; K < -1 -> Obj end)},
        {"lists and literals", ets:fun2ms(fun({K, [H | T], "str"}) -> [H, T, K, 3.5, a] end)},
        {"whole variable", ets:fun2ms(fun(X) -> X end)},
        {"andalso and not", ets:fun2ms(fun({A, B}) when A =:= B andalso not (A == 1) -> {{A}, [B]} end)},
        {"two clauses", ets:fun2ms(fun({A, B}) -> A + B * 2; ({A}) -> -A end)},
        {"guard bifs", ets:fun2ms(fun({A, B, C}) when element(1, A) =:= x, length(B) > 1, hd(C) =/= self() -> ok end)},
        {"object()", ets:fun2ms(fun({_, X}) -> object() end)},
        {"negative literal", ets:fun2ms(fun({K, -1}) -> K end)},
        {"constant tuple", ets:fun2ms(fun({K, V}) when V == Tag -> {K, Tag, {x, 1}} end)},
        {"arith", ets:fun2ms(fun({K, V}) -> {K rem 3, V div 2, -K, K band 1, abs(V)} end)}
    ],
    [p(L, S) || {L, S} <- Specs],
    T = ets:new(t, [ordered_set]),
    ets:insert(T, [{I, case abs(I) rem 2 of 0 -> even; 1 -> odd end} || I <- lists:seq(-3, 12)]),
    p("select outer", ets:select(T, ets:fun2ms(fun({K, V}) when K > Min, V =:= even -> K end))),
    p("select alternatives", ets:select(T, ets:fun2ms(fun({K, _} = O) when K > 10; K < -1 -> O end))),
    p("select_count", ets:select_count(T, ets:fun2ms(fun({K, odd}) when K > 0 -> true end))),
    p("select_delete", ets:select_delete(T, ets:fun2ms(fun({K, _}) when K < 0 -> true end))),
    p("select_replace", ets:select_replace(T, ets:fun2ms(fun({K, odd}) -> {K, was_odd} end))),
    p("after", ets:tab2list(T)),
    p("in a nested fun", lists:map(fun(N) -> ets:select(T, ets:fun2ms(fun({K, _}) when K == N -> K end)) end, [1, 2, 99])),
    ok.
