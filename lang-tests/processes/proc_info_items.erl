%% process_info/2 items the OTP layer reads: current_function, current_stacktrace,
%% initial_call, group_leader, status, alone and in a list; group_leader/0,2.
-module(proc_info_items).
-export([main/0, waiter/0, loop/1, deep/1]).

%% deep/1 is not `deep(N - 1), ok`: OTP's compiler turns that into a tail call when it can
%% see the function always returns ok.

main() ->
    GL = group_leader(),
    io:format("group leader: ~p~n", [GL]),
    io:format("~p~n", [process_info(self(), [current_function, initial_call, group_leader, status])]),
    {current_stacktrace, [Top | _]} = process_info(self(), current_stacktrace),
    io:format("~p~n", [lines([Top])]),
    P = spawn(?MODULE, waiter, []),
    Q = spawn(fun() -> loop(0) end),
    R = spawn(fun() -> waiter() end),
    D = spawn(?MODULE, deep, [3]),
    timer:sleep(20),
    io:format("~p~n", [info(P, [current_function, initial_call, group_leader, status,
                                current_stacktrace])]),
    io:format("~p~n", [info(Q, [current_function, initial_call, status, current_stacktrace])]),
    io:format("~p~n", [info(R, [current_function, initial_call, status, current_stacktrace])]),
    io:format("~p~n", [process_info(D, current_function)]),
    io:format("~p~n", [info(D, [current_stacktrace])]),
    io:format("~p~n", [process_info(D, initial_call)]),
    io:format("~p~n", [process_info(self(), [current_function])]),
    %% group_leader/2 on another process and on itself; children inherit it.
    io:format("set: ~p~n", [group_leader(self(), P)]),
    {group_leader, G2} = process_info(P, group_leader),
    io:format("changed: ~p~n", [G2 =:= self()]),
    %% A process whose group leader is not an io server must not print: it reports back.
    Self = self(),
    spawn(fun() ->
                  group_leader(P, self()),
                  Own = group_leader() =:= P,
                  Me = self(),
                  spawn(fun() -> Me ! {gl, group_leader()} end),
                  receive {gl, G3} -> Self ! {gl_results, Own, G3 =:= P} end
          end),
    receive {gl_results, Own, Inherited} -> io:format("own: ~p, inherited: ~p~n", [Own, Inherited]) end,
    io:format("unchanged: ~p~n", [group_leader() =:= GL]),
    Dead = spawn(fun() -> ok end),
    timer:sleep(10),
    io:format("~p~n", [catch_class(fun() -> group_leader(self(), Dead) end)]),
    io:format("~p~n", [catch_class(fun() -> group_leader(x, self()) end)]),
    io:format("~p~n", [catch_class(fun() -> process_info(P, [status, bogus]) end)]),
    io:format("dead: ~p~n", [process_info(Dead, current_function)]),
    [exit(X, kill) || X <- [P, Q, R, D]],
    ok.

waiter() -> receive x -> ok end.

loop(N) -> receive x -> loop(N + 1) after 100000 -> ok end.

deep(0) -> receive x -> 1 end;
deep(N) -> 1 + deep(N - 1).

%% Stack traces without file names (they depend on how the program is run).
info(P, Items) ->
    [case I of
         {current_stacktrace, S} -> {current_stacktrace, lines(S)};
         _ -> I
     end || I <- process_info(P, Items)].

lines(S) -> [{M, F, A, proplists:get_value(line, Loc)} || {M, F, A, Loc} <- S].

catch_class(F) ->
    try F() of V -> {value, V} catch C:E -> {C, E} end.
