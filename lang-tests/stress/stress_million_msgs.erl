-module(stress_million_msgs).
-export([main/0]).

%% Stress: 1,000,000 messages from 8 senders to one receiver; no message is lost, duplicated or
%% reordered within a sender (each sender numbers its messages 1..125,000). The receiver checks
%% every message against the next number it expects from that sender.

-define(SENDERS, 8).
-define(PER_SENDER, 125000).

send_all(_Dest, _Id, N) when N > ?PER_SENDER -> ok;
send_all(Dest, Id, N) ->
    Dest ! {Id, N},
    send_all(Dest, Id, N + 1).

%% Next expected number per sender in a tuple; counts messages that broke the order.
check(0, Next, Bad) -> {Next, Bad};
check(Left, Next, Bad) ->
    receive
        {Id, N} ->
            case element(Id, Next) of
                N -> check(Left - 1, setelement(Id, Next, N + 1), Bad);
                _ -> check(Left - 1, setelement(Id, Next, N + 1), Bad + 1)
            end
    end.

main() ->
    Self = self(),
    Total = ?SENDERS * ?PER_SENDER,
    Go = make_ref(),
    Senders = [spawn(fun() -> receive Go -> send_all(Self, Id, 1) end end)
               || Id <- lists:seq(1, ?SENDERS)],
    [S ! Go || S <- Senders],
    {Next, Bad} = check(Total, erlang:make_tuple(?SENDERS, 1), 0),
    io:format("received: ~p~n", [Total]),
    io:format("out of order: ~p~n", [Bad]),
    io:format("last per sender: ~p~n", [[N - 1 || N <- tuple_to_list(Next)]]),
    io:format("nothing extra: ~p~n", [receive M -> M after 100 -> none end]),
    %% Ping-pong pairs: 4 pairs exchanging 25,000 numbered round trips each.
    Pairs = [spawn(fun() -> pong() end) || _ <- lists:seq(1, 4)],
    Drivers = [spawn(fun() -> Self ! {pair_done, ping(P, 1, 25000)} end) || P <- Pairs],
    Results = [receive {pair_done, R} -> R end || _ <- Drivers],
    io:format("ping-pong: ~p~n", [Results]),
    [P ! stop || P <- Pairs],
    ok.

pong() ->
    receive
        {ping, From, N} -> From ! {pong, N}, pong();
        stop -> ok
    end.

ping(_P, N, Max) when N > Max -> Max;
ping(P, N, Max) ->
    P ! {ping, self(), N},
    receive
        {pong, N} -> ping(P, N + 1, Max);
        {pong, Other} -> {wrong_reply, N, Other}
    end.
