%% gen_statem failures: init crashes and bad init results, crashing
%% callbacks, bad results and bad actions (replies before a bad action still
%% go out), bad state enter results and actions, exits and throws, terminate
%% reasons, call time-outs (a late reply is dropped), trap_exit and the
%% parent's exit. Reports are turned off: this program checks stdout only.
-module(statem_errors).
-export([main/0]).
-export([init/1, callback_mode/0, idle/3, other/3, terminate/3]).

init(crash) -> error(init_crash);
init(exit) -> exit(init_exit);
init(junk) -> junk;
init(throw_ok) -> throw({ok, idle, thrown});
init(trap) -> process_flag(trap_exit, true), {ok, idle, trap};
init(bad_mode) -> put(mode, bogus), {ok, idle, x};
init(enter) -> put(mode, [state_functions, state_enter]), {ok, idle, enter};
init(Data) -> {ok, idle, Data}.

callback_mode() ->
    case get(mode) of
        undefined -> state_functions;
        M -> M
    end.

idle(enter, _, enter) -> keep_state_and_data;
idle(enter, _, _) -> keep_state_and_data;
idle({call, _}, crash, _) -> erlang:error(boom);
idle({call, _}, exit, _) -> exit(custom_exit);
idle({call, F}, throw, _) -> throw({keep_state_and_data, [{reply, F, thrown}]});
idle({call, _}, junk, _) -> bogus_result;
idle({call, F}, bad_action, _) -> {keep_state_and_data, [{reply, F, x}, bogus_action]};
idle({call, F}, bad_event_type, _) -> {keep_state_and_data, [{reply, F, y}, {next_event, weird, e}]};
idle({call, F}, bad_timeout, _) -> {keep_state_and_data, [{reply, F, z}, {state_timeout, -1, x}]};
idle({call, F}, bad_enter_state, _) -> {next_state, other, bad_enter_state, [{reply, F, ok}]};
idle({call, F}, bad_enter_action, _) -> {next_state, other, bad_enter_action, [{reply, F, ok}]};
idle({call, F}, slow, D) -> timer:sleep(100), {keep_state, D, [{reply, F, late}]};
idle({call, F}, single_reply, _) -> {stop_and_reply, normal, {reply, F, single}};
idle({call, F}, bad_reply, _) -> {stop_and_reply, normal, [{reply, F, a}, {rep, x, b}]};
idle({call, F}, ping, D) -> {keep_state_and_data, [{reply, F, {pong, D}}]}.

%% used only by the state enter tests
other(enter, idle, bad_enter_state) -> {next_state, idle, x};
other(enter, idle, bad_enter_action) -> {keep_state_and_data, [postpone]}.

terminate(Reason, State, Data) ->
    case whereis(tester) of
        undefined -> ok;
        T -> T ! {terminate, strip(Reason), State, Data}
    end.

%% Stack traces differ between VMs: keep only the reason.
strip({R, [{M, F, A, L} | _]}) when is_atom(M), is_atom(F), is_integer(A) orelse is_list(A), is_list(L) ->
    {R, stack};
strip(T) when is_tuple(T) -> list_to_tuple(strip(tuple_to_list(T)));
strip([H | T]) -> [strip(H) | strip(T)];
strip(P) when is_pid(P) -> pid;
strip(R) -> R.

terminated() ->
    receive
        {terminate, Reason, State, Data} ->
            io:format("  terminate(~p, ~p, ~p)~n", [Reason, State, Data])
    after 500 ->
        io:format("  no terminate~n")
    end.

down(P, M) ->
    receive
        {'DOWN', M, process, P, R} -> io:format("  down: ~p~n", [strip(R)])
    after 200 ->
        io:format("  alive: ~p~n", [gen_statem:call(P, ping)]),
        gen_statem:stop(P),
        demonitor(M, [flush])
    end.

try_call(Req) ->
    try_call(plain, Req).

try_call(Init, Req) ->
    {ok, P} = gen_statem:start(?MODULE, Init, []),
    M = monitor(process, P),
    io:format("~p:~n  call: ~p~n", [Req, strip(catch gen_statem:call(P, Req))]),
    down(P, M),
    terminated().

main() ->
    logger:set_primary_config(level, none),
    register(tester, self()),
    io:format("init crash: ~p~n", [strip(gen_statem:start(?MODULE, crash, []))]),
    io:format("init exit: ~p~n", [strip(gen_statem:start(?MODULE, exit, []))]),
    io:format("init junk: ~p~n", [gen_statem:start(?MODULE, junk, [])]),
    {ok, P0} = gen_statem:start(?MODULE, throw_ok, []),
    io:format("init throw: ~p~n", [gen_statem:call(P0, ping)]),
    gen_statem:stop(P0),
    terminated(),
    {ok, P1} = gen_statem:start(?MODULE, bad_mode, []),
    io:format("bad callback mode:~n"),
    %% callback_mode/0 runs after start/3 returned: the monitor may come late
    M1 = monitor(process, P1),
    receive {'DOWN', M1, process, P1, _} -> ok end,
    terminated(),
    lists:foreach(fun try_call/1,
                  [crash, exit, throw, junk, bad_action, bad_event_type, bad_timeout,
                   single_reply, bad_reply]),
    try_call(enter, bad_enter_state),
    try_call(enter, bad_enter_action),
    %% call time-out: the late reply is dropped
    {ok, P2} = gen_statem:start(?MODULE, slow, []),
    io:format("timeout: ~p~n", [strip(catch gen_statem:call(P2, slow, 20))]),
    timer:sleep(150),
    io:format("mailbox: ~p~n", [strip(process_info(self(), messages))]),
    io:format("bad timeout arg: ~p~n", [strip(catch gen_statem:call(P2, ping, {bogus, 1}))]),
    gen_statem:stop(P2, kaputt, infinity),
    terminated(),
    %% trapping exits: the parent's exit reason reaches terminate
    process_flag(trap_exit, true),
    {ok, P3} = gen_statem:start_link(?MODULE, trap, []),
    exit(P3, shutdown),
    receive {'EXIT', P3, R3} -> io:format("parent exit: ~p~n", [R3]) end,
    terminated(),
    {ok, P4} = gen_statem:start_link(?MODULE, trap, []),
    exit(P4, weird),
    receive {'EXIT', P4, R4} -> io:format("parent exit: ~p~n", [R4]) end,
    terminated(),
    %% not trapping: no terminate
    {ok, P5} = gen_statem:start_link(?MODULE, plain, []),
    exit(P5, shutdown),
    receive {'EXIT', P5, R5} -> io:format("parent exit: ~p~n", [R5]) end,
    terminated(),
    %% a linked start that fails
    io:format("start_link init junk: ~p~n", [gen_statem:start_link(?MODULE, junk, [])]),
    receive {'EXIT', _, R6} -> io:format("  exit: ~p~n", [R6]) after 100 -> ok end,
    ok.
