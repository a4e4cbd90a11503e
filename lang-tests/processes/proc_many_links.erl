%% A process takes in many messages interleaved with 'EXIT' signals from linked children (the
%% 'EXIT' tuples are built on its heap between the absorbed messages): it must not run out of
%% memory (it once ended with system_limit after about 90).
-module(proc_many_links).
-export([main/0]).

main() ->
    Self = self(),
    Pids = [spawn_link(fun() -> Self ! {done, self()} end) || _ <- lists:seq(1, 2000)],
    [receive {done, C} -> ok end || C <- Pids],
    receive after 200 -> ok end,
    {message_queue_len, N} = erlang:process_info(self(), message_queue_len),
    Exits = [receive {'EXIT', C, R} -> R end || C <- Pids],
    io:format("~p ~p~n", [N, lists:usort(Exits)]),
    Self2 = self(),
    Worker = spawn(fun() ->
                       Kids = [spawn_link(fun() -> Self2 ! {kid, self()} end)
                               || _ <- lists:seq(1, 2000)],
                       receive after 200 -> ok end,
                       Self2 ! {worker_done, length(Kids)}
                   end),
    Got = length([receive {kid, _} -> x end || _ <- lists:seq(1, 2000)]),
    receive {worker_done, K} -> io:format("~p ~p ~p~n", [Got, K, is_process_alive(Worker)]) end.
