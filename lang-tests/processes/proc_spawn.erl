-module(proc_spawn).
-export([main/0]).

main() ->
    Parent = self(),
    Pids = [spawn(fun() -> Parent ! {self(), I * I} end) || I <- lists:seq(1, 5)],
    Results = [receive {P, V} -> V end || P <- Pids],
    io:format("~p~n", [Results]),
    Echo = spawn(fun echo/0),
    Echo ! {Parent, hello},
    receive {echo, Msg} -> io:format("~p~n", [Msg]) end,
    Echo ! stop,
    io:format("~p~n", [is_pid(Echo)]).

echo() ->
    receive
        {From, M} -> From ! {echo, M}, echo();
        stop -> ok
    end.
