%% A segment size that is not a non-negative integer (an atom, a float, a negative number, a
%% list) fails the match: `case` takes the next clause, `=` raises {badmatch, Value}.
-module(bin_match_bad_size).
-export([main/0]).

int_seg(S, B) ->
    case B of
        <<X:S, _/binary>> -> {int, X};
        _ -> nomatch
    end.

bin_seg(S, B) ->
    case B of
        <<X:S/binary-unit:8, _/binary>> -> {bin, X};
        _ -> nomatch
    end.

skipped(S, B) ->
    case B of
        <<_:S, X:8>> -> {skip, X};
        _ -> nomatch
    end.

float_seg(S, B) ->
    case B of
        <<X:S/float, _/binary>> -> {float, X};
        _ -> nomatch
    end.

computed(S, B) ->
    case B of
        <<X:(S * 2), _/binary>> -> {computed, X};
        _ -> nomatch
    end.

%% The size of a later segment bound by an earlier one.
bound(B) ->
    case B of
        <<N:8, X:N/binary, _/binary>> -> {bound, N, X};
        _ -> nomatch
    end.

badmatch(S) ->
    try
        <<X:S, _/binary>> = id(<<1, 2, 3>>),
        {matched, X}
    catch
        error:Reason -> {error, Reason}
    end.

id(X) -> X.

main() ->
    Bin = <<1, 2, 3, 4>>,
    Sizes = [foo, 1.5, 8.0, -1, [], <<8>>, 2, 8, 16, 1 bsl 70],
    [io:format("~p: ~p ~p ~p~n", [S, int_seg(S, Bin), bin_seg(S, Bin), skipped(S, <<1, 2>>)])
     || S <- Sizes],
    io:format("~p~n", [[float_seg(S, <<1.5/float, 0>>) || S <- [foo, 32.0, 64]]]),
    io:format("~p~n", [[computed(S, Bin) || S <- [foo, 2.5, 4]]]),
    io:format("~p~n", [[bound(B) || B <- [<<2, 7, 8, 9>>, <<9, 1>>]]]),
    io:format("~p~n", [[badmatch(S) || S <- [foo, 1.5, -8, 8]]]).
