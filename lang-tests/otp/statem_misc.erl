%% gen_statem odds and ends: enter_loop from a proc_lib process,
%% send_request with wait_response / receive_response / check_response,
%% reply/1 with a list, stop_and_reply with several replies, format_status/2
%% in sys:get_status, and a named server reached through {via, global, _}.
-module(statem_misc).
-export([main/0]).
-export([init/1, callback_mode/0, handle_event/4, format_status/2]).
init(Data) -> {ok, idle, Data}.

callback_mode() -> handle_event_function.

handle_event({call, F}, get, S, D) -> {keep_state_and_data, [{reply, F, {?MODULE, S, D}}]};
handle_event(internal, hello, S, D) -> {next_state, {entered, S}, D + 1};
handle_event({call, F}, slow, _S, D) -> timer:sleep(30), {keep_state, D + 1, [{reply, F, slow_done}]};
handle_event({call, F}, two_replies, _S, _D) ->
    gen_statem:reply([{reply, F, first}]),
    keep_state_and_data;
handle_event({call, F}, {stop_with, G}, _S, _D) ->
    {stop_and_reply, normal, [{reply, F, one}, {reply, G, two}]};
handle_event({call, F}, wait_for_second, S, D) -> {keep_state, {F, D}, [postpone || S =:= never]};
handle_event({call, F2}, second, _S, {F1, _D}) ->
    {stop_and_reply, normal, [{reply, F1, to_first}, {reply, F2, to_second}]};
handle_event(cast, {go, S1}, _S, D) -> {next_state, S1, D}.

format_status(_Opt, [_PDict, State, Data]) -> [{data, [{"State", {formatted, State, Data}}]}].

main() ->
    %% enter_loop: a process started with proc_lib becomes a gen_statem
    Self = self(),
    P = proc_lib:spawn(fun() ->
                               register(entered, self()),
                               Self ! ready,
                               gen_statem:enter_loop(?MODULE, [], waiting, 0, {local, entered},
                                                     [{next_event, internal, hello}])
                       end),
    receive ready -> ok end,
    io:format("enter_loop: ~p ~p~n", [gen_statem:call(entered, get, 1000), whereis(entered) =:= P]),
    gen_statem:stop(entered),
    {ok, Q} = gen_statem:start(?MODULE, 0, []),
    R1 = gen_statem:send_request(Q, get),
    io:format("wait_response: ~p~n", [gen_statem:wait_response(R1, 1000)]),
    R2 = gen_statem:send_request(Q, get),
    io:format("receive_response: ~p~n", [gen_statem:receive_response(R2, 1000)]),
    R3 = gen_statem:send_request(Q, get),
    Msg = receive M -> M end,
    io:format("check_response: ~p~n", [gen_statem:check_response(Msg, R3)]),
    R4 = gen_statem:send_request(Q, slow),
    io:format("receive_response timeout: ~p~n", [gen_statem:receive_response(R4, 5)]),
    timer:sleep(60),
    io:format("late reply dropped: ~p~n", [process_info(self(), message_queue_len)]),
    io:format("reply/1: ~p~n", [gen_statem:call(Q, two_replies)]),
    {status, _, _, [_, _, _, _, Misc]} = sys:get_status(Q),
    io:format("format_status: ~p~n", [lists:last(Misc)]),
    %% two callers answered by one stop_and_reply
    Caller = spawn(fun() -> Self ! {first, gen_statem:call(Q, wait_for_second)} end),
    timer:sleep(20),
    io:format("second: ~p~n", [gen_statem:call(Q, second)]),
    receive {first, A} -> io:format("first: ~p~n", [A]) end,
    false = is_process_alive(Caller),
    %% {via, global, Name}
    {ok, V} = gen_statem:start({via, global, via_name}, ?MODULE, 5, []),
    io:format("via: ~p~n", [gen_statem:call({via, global, via_name}, get)]),
    ok = gen_statem:cast({via, global, via_name}, {go, moved}),
    io:format("via: ~p ~p~n", [gen_statem:call(V, get), global:whereis_name(via_name) =:= V]),
    gen_statem:stop({via, global, via_name}),
    io:format("via after stop: ~p~n", [global:whereis_name(via_name)]),
    ok.
