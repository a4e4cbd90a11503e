-module(gc_binaries).
-export([main/0]).

%% Large binaries, sub-binaries that outlive their parent's other references, and binaries built by
%% appending in a loop.
chunks(<<>>, Acc) -> lists:reverse(Acc);
chunks(<<C:1000/binary, Rest/binary>>, Acc) -> chunks(Rest, [C | Acc]);
chunks(Rest, Acc) -> lists:reverse([Rest | Acc]).

append(0, B) -> B;
append(N, B) -> append(N - 1, <<B/binary, (N rem 256)>>).

main() ->
    Big = list_to_binary([I rem 256 || I <- lists:seq(1, 100000)]),
    Parts = chunks(Big, []),
    Kept = lists:nth(50, Parts),
    io:format("~p ~p~n", [length(Parts), byte_size(Kept)]),
    io:format("~p~n", [binary:part(Kept, 0, 8)]),
    Appended = append(20000, <<>>),
    io:format("~p ~p~n", [byte_size(Appended), binary:last(Appended)]),
    Sums = [lists:sum(binary_to_list(P)) || P <- Parts],
    io:format("~p~n", [lists:sum(Sums)]),
    io:format("~p~n", [Big =:= iolist_to_binary(Parts)]).
