%% Processes: a pool of workers squares numbers in parallel, the parent collects the answers
%% in order, and a worker that exits is noticed through a link (the parent traps exits) and
%% replaced, while the others carry on. Run it with
%%     cargo run --release -- run examples/workers.erl
-module(workers).
-export([main/0]).

main() ->
    process_flag(trap_exit, true),
    Parent = self(),
    Workers = [spawn_link(fun() -> worker(Parent) end) || _ <- lists:seq(1, 4)],
    Jobs = lists:seq(1, 12),
    %% Hand out the jobs round-robin; each answer carries its job number.
    send_jobs(Jobs, Workers),
    Answers = [receive {answer, J, V} -> {J, V} end || J <- Jobs],
    io:format("squares: ~p~n", [[V || {_, V} <- Answers]]),
    %% One worker gets a job it cannot do and exits; the link tells us why.
    [First | Rest] = Workers,
    First ! {job, 13, crash},
    receive
        {'EXIT', First, Reason} -> io:format("worker exited: ~p~n", [Reason])
    end,
    %% Replace it, and check that the pool still answers.
    New = spawn_link(fun() -> worker(Parent) end),
    send_jobs([14, 15, 16, 17], [New | Rest]),
    Later = lists:sort([receive {answer, J, V} -> {J, V} end || J <- [14, 15, 16, 17]]),
    io:format("after restart: ~p~n", [Later]),
    [W ! stop || W <- [New | Rest]],
    io:format("all stopped: ~p~n", [lists:sort([receive {'EXIT', W, R} -> R end || W <- [New | Rest]])]).

send_jobs(Jobs, Workers) ->
    lists:foldl(fun(J, [W | Ws]) -> W ! {job, J, square}, Ws ++ [W] end, Workers, Jobs).

worker(Parent) ->
    receive
        {job, J, square} ->
            Parent ! {answer, J, J * J},
            worker(Parent);
        {job, J, crash} ->
            exit({cannot_do, J});
        stop ->
            ok
    end.
