%% The shape of From in handle_call and in a gen_statem {call, From} event, as OTP 25 makes it:
%% {Pid, Ref} for a call without a time-out (infinity), {Pid, [alias | Ref]} for a call with one.
%% Pids and references differ between VMs, so the program prints the shape only.
-module(gen_call_from).
-behaviour(gen_server).
-export([main/0]).
-export([init/1, handle_call/3, handle_cast/2, callback_mode/0, idle/3]).

init(statem) -> {ok, idle, []};
init(server) -> {ok, []}.

callback_mode() -> state_functions.

idle({call, From}, _Req, Data) -> {keep_state, Data, [{reply, From, shape(From)}]}.

handle_call(_Req, From, State) -> {reply, shape(From), State}.

handle_cast(_Msg, State) -> {noreply, State}.

shape({Pid, [alias | Ref]}) when is_pid(Pid), is_reference(Ref) -> {pid, [alias | ref]};
shape({Pid, Ref}) when is_pid(Pid), is_reference(Ref) -> {pid, ref};
shape(Other) -> {unexpected, Other}.

main() ->
    {ok, S} = gen_server:start(?MODULE, server, []),
    register(named_server, S),
    io:format("gen_server:call/2 ~p~n", [gen_server:call(S, x)]),
    io:format("gen_server:call/3 infinity ~p~n", [gen_server:call(S, x, infinity)]),
    io:format("gen_server:call/3 1000 ~p~n", [gen_server:call(S, x, 1000)]),
    io:format("gen_server:call/3 name infinity ~p~n",
              [gen_server:call(named_server, x, infinity)]),
    io:format("gen_server:call/3 {name, node} infinity ~p~n",
              [gen_server:call({named_server, node()}, x, infinity)]),
    {ok, M} = gen_statem:start(?MODULE, statem, []),
    io:format("gen_statem:call/2 ~p~n", [gen_statem:call(M, x)]),
    io:format("gen_statem:call/3 infinity ~p~n", [gen_statem:call(M, x, infinity)]),
    io:format("gen_statem:call/3 1000 ~p~n", [gen_statem:call(M, x, 1000)]),
    io:format("gen_statem:call/3 dirty_timeout ~p~n",
              [gen_statem:call(M, x, {dirty_timeout, 1000})]),
    io:format("gen_statem:call/3 dirty_timeout infinity ~p~n",
              [gen_statem:call(M, x, {dirty_timeout, infinity})]),
    Id = gen_server:send_request(S, x),
    io:format("send_request ~p~n", [gen_server:receive_response(Id, 1000)]),
    io:format("mailbox ~p~n", [process_info(self(), messages)]).
