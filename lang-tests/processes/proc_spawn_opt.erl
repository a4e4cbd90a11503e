%% spawn_opt options and process_flag tuning flags (OTP 25): priority, max_heap_size (enforced:
%% the process is killed when its heap passes the limit), message_queue_data, min_heap_size,
%% fullsweep_after, {monitor, Opts}; their process_info items and badarg cases.
-module(proc_spawn_opt).
-export([main/0, main2/0]).
main() ->
F2 = fun(K, V) -> case catch process_flag(K, V) of {'EXIT', {E, _}} -> E; O -> O end end,
F = fun(V) -> case catch process_flag(max_heap_size, V) of {'EXIT', {E, _}} -> E; O -> O end end,
io:format("~p~n", [[F(#{kill => false}), F(#{size => 10}), F(#{size => 100000, bogus => 1}), F(-1), F(100), F(#{size => 500, kill => x}), F(0), F(#{})]]),
io:format("~p~n", [[F2(priority, bogus), F2(message_queue_data, x), F2(min_heap_size, -1)]]),
io:format("~p~n", [[process_flag(priority, high), process_flag(priority, low), process_flag(priority, normal), process_flag(message_queue_data, off_heap), process_flag(message_queue_data, on_heap), process_flag(fullsweep_after, 10), process_flag(fullsweep_after, 65535)]]),
io:format("~p~n", [process_info(self(), [priority, max_heap_size, message_queue_data, min_heap_size, min_bin_vheap_size, fullsweep_after])]),
io:format("~p~n", [element(1, catch spawn_opt(fun() -> ok end, [{max_heap_size, 10}]))]),
io:format("~p~n", [is_pid(catch spawn_opt(fun() -> ok end, [{max_heap_size, #{size => 1000, x => 1}}]))]),
{P, R} = spawn_opt(fun() -> receive _ -> ok end end, [{monitor, [{tag, t}]}, {priority, low}]),
io:format("~p~n", [process_info(P, [priority, max_heap_size])]), exit(P, kill),
receive {t, R, process, P, killed} -> io:format("tagged down~n") end,
{P2, R2} = spawn_opt(fun() -> grow([]) end, [monitor, {max_heap_size, #{size => 1000, error_logger => false}}]),
receive {'DOWN', R2, process, P2, Why} -> io:format("down ~p~n", [Why]) end,
{P3, R3} = spawn_opt(fun() -> process_flag(trap_exit, true), process_flag(max_heap_size, #{size => 2000, error_logger => false}), grow([]) end, [monitor]),
receive {'DOWN', R3, process, P3, Why3} -> io:format("down ~p~n", [Why3]) end,
{P4, R4} = spawn_opt(fun() -> length(grow2([], 0)) end, [monitor, {max_heap_size, #{size => 2000, kill => false, error_logger => false}}]),
receive {'DOWN', R4, process, P4, Why4} -> io:format("down ~p~n", [Why4]) end,
{P5, R5} = spawn_opt(proc_spawn_opt, main2, [], [monitor, link, {priority, high}]),
receive {'DOWN', R5, process, P5, Why5} -> io:format("down ~p~n", [Why5]) end,
io:format("~p~n", [catch spawn_opt(nonode@nohost, fun() -> ok end, [link]) =/= x]),
io:format("~p~n", [element(1, catch spawn_opt(fun() -> ok end, [{monitor, [bogus]}]))]),
io:format("~p~n", [element(1, catch spawn_opt(fun() -> ok end, [{priority, bogus}]))]),
ok.
grow(L) -> grow([L | L]).
grow2(L, 20000) -> L;
grow2(L, N) -> grow2([N | L], N + 1).
main2() -> process_info(self(), priority).
