-module(misc_erf_sleep_halt).
-export([main/0]).

%% math:erf/1 and erfc/1 over their range, timer:sleep/1 errors, erlang:append/2,
%% subtract/2, external_size/1,2, bump_reductions/1, the items of process_info/1 that krarup
%% shares with OTP, and halt/2 (its errors, then a real halt).
t(F) ->
    try F() of
        V -> V
    catch
        C:R -> {C, R}
    end.

main() ->
    Xs = [0.0, 1.0e-10, 0.1, 0.5, 1, 1.5, 2.5, -3, 4, 6, 11, 26, 27, 30, -30],
    [io:format("~p ~p ~p~n", [X, math:erf(X), math:erfc(X)]) || X <- Xs],
    io:format("~p~n", [t(fun() -> math:erf(a) end)]),
    [io:format("sleep ~p: ~p~n", [A, t(fun() -> timer:sleep(A) end)])
     || A <- [-1, a, 1.0, "x", {1}, 0, 1]],
    io:format("~p ~p~n", [erlang:append([1, 2], [3]), erlang:subtract([1, 2, 3, 2], [2])]),
    io:format("~p~n", [t(fun() -> erlang:append(a, [1]) end)]),
    [io:format("~p ~p~n", [erlang:external_size(T), byte_size(term_to_binary(T))])
     || T <- [a, 1, [1, 2, 3], {x, <<"bin">>, 1.5}, #{a => 1}, lists:seq(1, 300)]],
    io:format("~p~n", [erlang:external_size(abc, [])]),
    io:format("~p ~p~n", [erlang:bump_reductions(10), t(fun() -> erlang:bump_reductions(-1) end)]),
    P = spawn(fun() -> receive stop -> ok end end),
    Keys = [registered_name, status, message_queue_len, links, dictionary, trap_exit],
    Info = fun(Pid) -> [lists:keyfind(K, 1, process_info(Pid)) || K <- Keys] end,
    erlang:yield(),
    io:format("~p~n", [Info(P)]),
    register(sleeper, P),
    P ! hello,
    erlang:yield(),
    io:format("~p~n", [Info(P)]),
    P ! stop,
    timer:sleep(10),
    io:format("~p ~p~n", [process_info(P), t(fun() -> process_info(a) end)]),
    [io:format("~p~n", [t(F)])
     || F <- [fun() -> halt(0, [{flush, maybe}]) end,
              fun() -> halt(a, []) end,
              fun() -> halt(0, [x]) end,
              fun() -> halt(0, x) end,
              fun() -> halt(-1, []) end]],
    halt(0, [{flush, true}]).
