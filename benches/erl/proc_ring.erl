%% Benchmark: 10,000 processes in a ring pass a token around for 1,000,000 hops.
%% Each ring member counts how often it held the token; the member that receives the token with no hops
%% left reports its position to main, which then stops every member and sums their counts.
%% Self-checking: crashes with {wrong_result, ...} unless the token ended at the expected member and was
%% held exactly 1,000,001 times (the first receipt plus one per hop).
-module(proc_ring).
-export([main/0]).

-define(SIZE, 10000).
-define(HOPS, 1000000).

member(Index, Main) ->
    receive
        {next, Next} -> member_loop(Index, Main, Next, 0)
    end.

member_loop(Index, Main, Next, Held) ->
    receive
        {token, 0} ->
            Main ! {finished, Index},
            member_loop(Index, Main, Next, Held + 1);
        {token, Hops} ->
            Next ! {token, Hops - 1},
            member_loop(Index, Main, Next, Held + 1);
        stop ->
            Main ! {held, Index, Held}
    end.

%% Links each member to the next one; the last links back to the first.
connect([Last], First) -> Last ! {next, First}, ok;
connect([P, Q | Rest], First) -> P ! {next, Q}, connect([Q | Rest], First).

collect(0, Total, Weighted) -> {Total, Weighted};
collect(Left, Total, Weighted) ->
    receive
        {held, Index, Held} -> collect(Left - 1, Total + Held, Weighted + Index * Held)
    end.

main() ->
    Main = self(),
    Ring = [spawn(fun() -> member(I, Main) end) || I <- lists:seq(1, ?SIZE)],
    connect(Ring, hd(Ring)),
    hd(Ring) ! {token, ?HOPS},
    Last = receive {finished, L} -> L end,
    [P ! stop || P <- Ring],
    {Total, Weighted} = collect(?SIZE, 0, 0),
    Expected = ?HOPS rem ?SIZE + 1,
    {Last, Total} =:= {Expected, ?HOPS + 1} orelse error({wrong_result, Last, Total}),
    io:format("proc_ring ok ~p members, ~p hops, last ~p, checksum ~p~n",
              [?SIZE, ?HOPS, Last, Weighted]).
