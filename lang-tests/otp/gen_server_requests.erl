%% gen_server's asynchronous requests: send_request, wait_response, receive_response,
%% check_response (replies, timeouts, dead and unknown servers), and multi_call/abcast on one node.
-module(gen_server_requests).
-behaviour(gen_server).
-export([main/0, init/1, handle_call/3, handle_cast/2]).

init(S) -> {ok, S}.

handle_call({sleep, T}, _From, S) -> timer:sleep(T), {reply, {slept, T}, S};
handle_call(crash, _From, _S) -> exit(crashed);
handle_call(get, _From, S) -> {reply, S, S}.

handle_cast({set, X}, _S) -> {noreply, X}.

show(Label, Term) -> io:format("~s: ~p~n", [Label, Term]).

main() ->
    logger:set_primary_config(level, none),
    {ok, P} = gen_server:start({local, rq}, ?MODULE, start, []),
    R1 = gen_server:send_request(P, get),
    show("ref", is_reference(R1)),
    show("wait_response", gen_server:wait_response(R1, 1000)),
    R2 = gen_server:send_request(rq, {sleep, 100}),
    show("wait short", gen_server:wait_response(R2, 10)),
    show("wait again", gen_server:wait_response(R2, 1000)),
    R3 = gen_server:send_request(rq, {sleep, 100}),
    show("receive short", gen_server:receive_response(R3, 10)),
    timer:sleep(150),
    show("late reply dropped", receive M -> {message, M} after 0 -> none end),
    R4 = gen_server:send_request(rq, get),
    Msg = receive X -> X end,
    show("check other", gen_server:check_response(hello, R4)),
    show("check reply", gen_server:check_response(Msg, R4)),
    R5 = gen_server:send_request(rq, {sleep, 20}),
    show("receive infinity", gen_server:receive_response(R5, infinity)),
    R6 = gen_server:send_request(rq, get),
    show("abs timeout", gen_server:receive_response(R6, {abs, erlang:monotonic_time(millisecond) + 500})),
    R7 = gen_server:send_request(nosuch, get),
    show("unknown name", gen_server:wait_response(R7, 100)),
    R8 = gen_server:send_request(rq, crash),
    {error, {Reason8, Obj8}} = gen_server:receive_response(R8, 1000),
    show("server dies", {Reason8, Obj8 =:= P}),
    R9 = gen_server:send_request(P, get),
    {error, {Reason9, Obj9}} = gen_server:receive_response(R9, 1000),
    show("dead pid", {Reason9, Obj9 =:= P}),
    {ok, _} = gen_server:start({local, rq}, ?MODULE, start, []),
    show("abcast", gen_server:abcast(rq, {set, abc})),
    show("multi_call", gen_server:multi_call(rq, get)),
    show("multi_call none", gen_server:multi_call(nosuch, get)),
    gen_server:stop(rq),
    ok.
