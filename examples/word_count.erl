%% Maps and lists: count the words of a text, then print the most frequent ones.
%% Run: krarup run examples/word_count.erl
-module(word_count).
-export([main/0]).

text() ->
    "the quick brown fox jumps over the lazy dog the dog barks "
    "and the fox runs away quick as a fox".

main() ->
    Words = string:lexemes(text(), " "),
    Counts = lists:foldl(fun(W, Acc) -> maps:update_with(W, fun(C) -> C + 1 end, 1, Acc) end,
                         #{}, Words),
    io:format("~p distinct words out of ~p~n", [map_size(Counts), length(Words)]),
    Sorted = lists:sort(fun({W1, C1}, {W2, C2}) -> {C1, W2} > {C2, W1} end, maps:to_list(Counts)),
    [io:format("~-6s ~p~n", [W, C]) || {W, C} <- lists:sublist(Sorted, 4)],
    ok.
