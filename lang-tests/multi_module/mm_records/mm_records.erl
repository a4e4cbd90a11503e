-module(mm_records).
-export([main/0]).

main() ->
    S0 = mm_records_stack:new(),
    S1 = lists:foldl(fun mm_records_stack:push/2, S0, [a, b, c]),
    io:format("~p~n", [S1]),
    {Top, S2} = mm_records_stack:pop(S1),
    io:format("~p ~p~n", [Top, mm_records_stack:size(S2)]),
    io:format("~p~n", [try mm_records_stack:pop(mm_records_stack:new()) catch error:R -> R end]).
