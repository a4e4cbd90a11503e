%% gen_server handle_call/cast/info/continue return forms, reply/2, throw as return, timeouts
%% after a return, and what the caller sees when the server stops or crashes in a call.
-module(gen_server_returns).
-behaviour(gen_server).
-export([main/0, init/1, handle_call/3, handle_cast/2, handle_info/2, handle_continue/2,
         terminate/2]).

init(Parent) -> {ok, #{parent => Parent, log => []}}.

log(Event, S = #{log := L}) -> S#{log := [Event | L]}.

handle_call(get, _From, S) -> {reply, lists:reverse(maps:get(log, S)), S};
handle_call({reply_timeout, T}, _From, S) -> {reply, ok, log({reply_timeout, T}, S), T};
handle_call(noreply_then_reply, From, S) -> gen_server:reply(From, late_ok), {noreply, S};
handle_call(noreply_deferred, From, S) -> self() ! {deferred, From}, {noreply, S};
handle_call(noreply_timeout, From, S) -> gen_server:reply(From, nt), {noreply, S, 30};
handle_call(reply_continue, _From, S) -> {reply, rc, S, {continue, after_call}};
handle_call(reply_hibernate, _From, S) -> {reply, rh, log(hibernated, S), hibernate};
handle_call(throw_reply, _From, S) -> throw({reply, thrown, S});
handle_call(stop_reply, _From, S) -> {stop, normal, stopped, S};
handle_call(stop_noreply, _From, S) -> {stop, normal, S};
handle_call(stop_shutdown, _From, S) -> {stop, {shutdown, why}, S};
handle_call(stop_custom, _From, S) -> {stop, custom, S};
handle_call(crash, _From, S) -> 1 = maps:size(S);
handle_call(exit, _From, _S) -> exit(custom_exit);
handle_call(junk, _From, _S) -> bogus;
handle_call(slow, _From, S) -> timer:sleep(300), {reply, slow, S}.

handle_cast({noreply, X}, S) -> {noreply, log({cast, X}, S)};
handle_cast({noreply_timeout, T}, S) -> {noreply, log({cast_timeout, T}, S), T};
handle_cast(throw, S) -> throw({noreply, log(cast_thrown, S)});
handle_cast(continue, S) -> {noreply, S, {continue, after_cast}};
handle_cast(stop, S) -> {stop, normal, S}.

handle_info(timeout, S) -> {noreply, log(timeout, S)};
handle_info({deferred, From}, S) -> gen_server:reply(From, deferred_ok), {noreply, S};
handle_info(Other, S) -> {noreply, log({info, Other}, S)}.

handle_continue(Tag, S) -> {noreply, log({continue, Tag}, S)}.

terminate(Reason, #{parent := Parent}) -> Parent ! {terminated, Reason}, ok.

show(Label, Term) -> io:format("~s: ~p~n", [Label, Term]).

terminated() ->
    receive {terminated, R} -> R after 200 -> no_terminate end.

start() ->
    {ok, P} = gen_server:start(?MODULE, self(), []),
    P.

%% The caller's exit reason, with stacks reduced to the callback's frames.
call_exit(P, Req) ->
    try gen_server:call(P, Req) of
        V -> {returned, V}
    catch exit:{Reason, {gen_server, call, [_, R]}} -> {exit, strip(Reason), R}
    end.

strip({{E, Stack}, _}) when is_list(Stack) -> {E, stack};
strip({E, Stack}) when is_list(Stack) -> {E, stack};
strip(E) -> E.

main() ->
    logger:set_primary_config(level, none),
    P = start(),
    gen_server:cast(P, {noreply, 1}),
    P ! hello,
    show("reply_timeout", gen_server:call(P, {reply_timeout, 20})),
    timer:sleep(60),
    show("noreply_then_reply", gen_server:call(P, noreply_then_reply)),
    show("noreply_deferred", gen_server:call(P, noreply_deferred)),
    show("noreply_timeout", gen_server:call(P, noreply_timeout)),
    timer:sleep(60),
    gen_server:cast(P, {noreply_timeout, 20}),
    timer:sleep(60),
    show("reply_continue", gen_server:call(P, reply_continue)),
    gen_server:cast(P, continue),
    show("reply_hibernate", gen_server:call(P, reply_hibernate)),
    show("throw_reply", gen_server:call(P, throw_reply)),
    gen_server:cast(P, throw),
    show("log", gen_server:call(P, get)),
    show("cast to name", gen_server:cast(nosuchname, x)),
    show("cast to pid tuple", gen_server:cast({nosuchname, node()}, x)),
    show("stop_reply", gen_server:call(P, stop_reply)),
    show("terminate", terminated()),
    P2 = start(),
    show("stop_noreply", call_exit(P2, stop_noreply)),
    show("terminate", terminated()),
    P3 = start(),
    show("stop_shutdown", call_exit(P3, stop_shutdown)),
    show("terminate", terminated()),
    P4 = start(),
    show("stop_custom", call_exit(P4, stop_custom)),
    show("terminate", terminated()),
    P5 = start(),
    show("crash", call_exit(P5, crash)),
    show("terminate", strip(terminated())),
    P6 = start(),
    show("exit", call_exit(P6, exit)),
    show("terminate", strip(terminated())),
    P7 = start(),
    show("junk", call_exit(P7, junk)),
    show("terminate", terminated()),
    P8 = start(),
    gen_server:cast(P8, stop),
    show("cast stop", terminated()),
    show("call dead", call_exit(P8, get)),
    show("call unknown", catch gen_server:call(nosuchname, get)),
    show("call unknown 3", catch gen_server:call(nosuchname, get, 100)),
    P9 = start(),
    {'EXIT', {timeout, {gen_server, call, [P9, slow, 100]}}} = (catch gen_server:call(P9, slow, 100)),
    show("call timeout", timeout),
    timer:sleep(300),
    show("late reply", receive M -> {message, M} after 0 -> none end),
    show("after timeout", gen_server:call(P9, get)),
    show("stop", gen_server:stop(P9)),
    show("terminate", terminated()),
    show("stop dead", catch gen_server:stop(P9)),
    ok.
