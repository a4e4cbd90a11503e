%% Benchmark: naive reverse (quadratic, via ++) of a 1,000-element list, repeated 20 times.
%% Self-checking: every result must equal lists:reverse/1 of the input.
-module(nrev).
-export([main/0]).

nrev([]) -> [];
nrev([H | T]) -> app(nrev(T), [H]).

app([], L) -> L;
app([H | T], L) -> [H | app(T, L)].

repeat(0, _, Last) -> Last;
repeat(N, L, _) -> repeat(N - 1, L, nrev(L)).

main() ->
    L = lists:seq(1, 1000),
    R = repeat(20, L, []),
    R =:= lists:reverse(L) orelse error({wrong_result, lists:sublist(R, 5)}),
    io:format("nrev: 20 x 1000 elements, head ~p~n", [hd(R)]).
