-module(ss_lists_text).
-export([main/0]).

t(F) ->
    try F() of
        V -> V
    catch
        C:R -> {caught, C, R}
    end.

main() ->
    io:format("~p~n", [lists:concat([[1], [2, [3]], []])]),
    io:format("~p~n", [lists:concat(["ab", ["c"], 'd e', 42, -1.5])]),
    io:format("~p~n", [t(fun() -> lists:concat([{x}]) end)]),
    io:format("~p~n", [t(fun() -> lists:concat(x) end)]),
    Words = ["pear", "Apple", "fig", "banana", "apple", "Fig"],
    io:format("~p~n", [lists:sort(Words)]),
    io:format("~p~n", [lists:sort(fun(A, B) -> string:lowercase(A) =< string:lowercase(B) end, Words)]),
    io:format("~p~n", [lists:usort(fun(A, B) -> string:lowercase(A) =< string:lowercase(B) end, Words)]),
    io:format("~p~n", [lists:sort(fun(A, B) -> length(A) < length(B) end, Words)]),
    io:format("~p~n", [lists:sort(fun(A, B) -> length(A) > length(B) end, Words)]),
    io:format("~p~n", [lists:keysort(2, [{W, length(W)} || W <- Words])]),
    io:format("~p~n", [lists:ukeysort(2, [{W, length(W)} || W <- Words])]),
    io:format("~p~n", [lists:map(fun string:uppercase/1, Words)]),
    io:format("~p~n", [lists:flatten(lists:join(", ", Words))]),
    io:format("~p~n", [lists:foldl(fun(W, Acc) -> Acc + length(W) end, 0, Words)]),
    io:format("~p~n", [lists:mapfoldl(fun(W, N) -> {{N, W}, N + 1} end, 1, Words)]),
    io:format("~p~n", [lists:splitwith(fun(C) -> C =/= $, end, "key,value,rest")]),
    io:format("~p~n", [lists:partition(fun(C) -> C >= $a andalso C =< $z end, "Hello World")]),
    io:format("~p~n", [[lists:prefix("ab", "abc"), lists:suffix("bc", "abc"), lists:member($z, "abc")]]),
    io:format("~p~n", [lists:subtract("mississippi", "sip")]),
    io:format("~p~n", ["mississippi" -- "ssss"]),
    io:format("~p~n", [lists:usort("mississippi")]),
    io:format("~p~n", [lists:uniq("mississippi")]),
    io:format("~p~n", [lists:zip(lists:seq(1, 4), "abcd")]),
    io:format("~p~n", [lists:unzip([{X, [X]} || X <- "xyz"])]),
    io:format("~p~n", [lists:duplicate(3, "ab")]),
    io:format("~p~n", [lists:append(lists:duplicate(3, "ab"))]),
    io:format("~p~n", [lists:nth(2, Words) ++ "/" ++ lists:last(Words)]),
    io:format("~p~n", [lists:max(Words) ++ lists:min(Words)]),
    io:format("~p~n", [lists:reverse("stressed")]),
    io:format("~p~n", [lists:reverse("abc", "def")]),
    io:format("~p~n", [lists:filtermap(fun(C) when C >= $0, C =< $9 -> {true, C - $0};
                                          (_) -> false end, "a1b22c333")]),
    io:format("~p~n", [lists:flatmap(fun(C) -> [C, C] end, "abc")]),
    io:format("~p~n", [lists:takewhile(fun(C) -> C =/= $  end, "first second")]),
    io:format("~p~n", [lists:dropwhile(fun(C) -> C =/= $  end, "first second")]),
    io:format("~p~n", [lists:enumerate("abc")]),
    io:format("~p~n", [lists:search(fun(W) -> hd(W) =:= $b end, Words)]),
    io:format("~p~n", [lists:keyfind("fig", 1, [{W, I} || {I, W} <- lists:enumerate(Words)])]),
    ok.
