-module(ss_lists_hof).
-export([main/0]).

t(F) ->
    try F() of
        V -> V
    catch
        C:R -> {caught, C, R}
    end.

p(Label, F) -> io:format("~s => ~p~n", [Label, t(F)]).

main() ->
    L = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5],
    p("foldl", fun() -> lists:foldl(fun(X, Acc) -> [X | Acc] end, [], L) end),
    p("foldr", fun() -> lists:foldr(fun(X, Acc) -> [X | Acc] end, [], L) end),
    p("foldl sub", fun() -> lists:foldl(fun(X, Acc) -> X - Acc end, 0, [1, 2, 3, 4]) end),
    p("foldr sub", fun() -> lists:foldr(fun(X, Acc) -> X - Acc end, 0, [1, 2, 3, 4]) end),
    p("foldl empty", fun() -> lists:foldl(fun(_, _) -> error(never) end, init, []) end),
    p("foldl bad list", fun() -> lists:foldl(fun(X, A) -> X + A end, 0, notlist) end),
    p("foldl bad fun", fun() -> lists:foldl(notfun, 0, [1]) end),
    p("mapfoldl", fun() -> lists:mapfoldl(fun(X, Sum) -> {X * 2, Sum + X} end, 0, L) end),
    p("mapfoldr", fun() -> lists:mapfoldr(fun(X, Acc) -> {{X, Acc}, Acc + 1} end, 0, [a, b, c]) end),
    p("map", fun() -> lists:map(fun(X) -> X * X end, L) end),
    p("map bad", fun() -> lists:map(fun(X) -> X end, [1 | 2]) end),
    p("map throws", fun() -> lists:map(fun(3) -> throw(three); (X) -> X end, [1, 2, 3, 4]) end),
    p("flatmap", fun() -> lists:flatmap(fun(X) -> lists:duplicate(X, X) end, [1, 2, 3]) end),
    p("flatmap nested", fun() -> lists:flatmap(fun(X) -> [[X]] end, [a, b]) end),
    p("filter", fun() -> lists:filter(fun(X) -> X > 3 end, L) end),
    p("filter bad pred", fun() -> lists:filter(fun(X) -> X end, [true, 1]) end),
    p("filtermap", fun() -> lists:filtermap(fun(X) when X > 4 -> {true, X * 10};
                                                (X) -> X =:= 1 end, L) end),
    p("partition", fun() -> lists:partition(fun(X) -> X rem 2 =:= 0 end, L) end),
    p("splitwith", fun() -> lists:splitwith(fun(X) -> X < 5 end, L) end),
    p("splitwith all", fun() -> lists:splitwith(fun(_) -> true end, [1, 2]) end),
    p("dropwhile", fun() -> lists:dropwhile(fun(X) -> X < 5 end, L) end),
    p("dropwhile all", fun() -> lists:dropwhile(fun(_) -> true end, L) end),
    p("takewhile", fun() -> lists:takewhile(fun(X) -> X < 5 end, L) end),
    p("takewhile none", fun() -> lists:takewhile(fun(_) -> false end, L) end),
    p("any/all", fun() -> [lists:any(fun(X) -> X > 8 end, L), lists:all(fun(X) -> X > 0 end, L),
                           lists:any(fun(_) -> true end, []), lists:all(fun(_) -> false end, [])] end),
    p("any bad", fun() -> lists:any(fun(X) -> X end, [false, 1]) end),
    p("foreach", fun() -> lists:foreach(fun(X) -> put(sum, get_sum() + X) end, L), get(sum) end),
    p("search", fun() -> [lists:search(fun(X) -> X > 4 end, L), lists:search(fun(X) -> X > 40 end, L)] end),
    p("zipwith", fun() -> lists:zipwith(fun(A, B) -> {A, B} end, [1, 2, 3], [c, b, a]) end),
    p("zipwith unequal", fun() -> lists:zipwith(fun(A, B) -> {A, B} end, [1, 2, 3], [c]) end),
    p("sort by fun", fun() -> lists:sort(fun({_, A}, {_, B}) -> A =< B end,
                                         [{x, 3}, {y, 1}, {z, 2}, {w, 1}]) end),
    p("foldl build map", fun() -> lists:foldl(fun(X, M) -> maps:update_with(X, fun(C) -> C + 1 end, 1, M) end,
                                              #{}, L) end),
    p("nested funs", fun() ->
                             Adders = [fun(X) -> X + N end || N <- [1, 10, 100]],
                             [lists:map(A, [1, 2]) || A <- Adders]
                     end),
    p("compose", fun() ->
                         Compose = fun(Fs) -> lists:foldr(fun(F, G) -> fun(X) -> F(G(X)) end end,
                                                          fun(X) -> X end, Fs) end,
                         (Compose([fun(X) -> X + 1 end, fun(X) -> X * 2 end]))(5)
                 end),
    p("foldl with tuple acc", fun() ->
                                      lists:foldl(fun(X, {Min, Max}) -> {min(X, Min), max(X, Max)} end,
                                                  {hd(L), hd(L)}, L)
                              end),
    p("mapfoldl indices", fun() ->
                                  {R, _} = lists:mapfoldl(fun(X, I) -> {{I, X}, I + 1} end, 1, "abc"),
                                  R
                          end),
    p("function_clause in fun", fun() -> lists:map(fun(X) when is_atom(X) -> X end, [a, 1]) end),
    p("badarity fun", fun() -> case t(fun() -> lists:map(fun(X, Y) -> {X, Y} end, [1]) end) of
                                   {caught, error, {badarity, {F, Args}}} -> {badarity, is_function(F, 2), Args};
                                   O -> O
                               end end),
    ok.

get_sum() ->
    case get(sum) of
        undefined -> 0;
        S -> S
    end.
