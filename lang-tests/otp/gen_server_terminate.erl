%% gen_server stop and terminate: stop/1,3, terminate/2 when trapping exits and the parent
%% exits, exits from non-parents, no terminate without trap_exit, enter_loop, format_status.
-module(gen_server_terminate).
-behaviour(gen_server).
-export([main/0, init/1, handle_call/3, handle_cast/2, handle_info/2, terminate/2,
         format_status/1, enter/1]).

init({Trap, Reporter}) ->
    process_flag(trap_exit, Trap),
    {ok, Reporter}.

handle_call(get, _From, S) -> {reply, S, S};
handle_call(self_call, _From, S) -> {reply, catch gen_server:call(self(), get), S}.

handle_cast(_, S) -> {noreply, S}.

handle_info({'EXIT', _From, R}, S) -> S ! {info_exit, R}, {noreply, S};
handle_info(Other, S) -> S ! {info, Other}, {noreply, S}.

terminate(Reason, Reporter) -> Reporter ! {terminated, Reason}, ok.

format_status(Status = #{state := _}) -> Status#{state := hidden}.

enter(Reporter) ->
    register(entered, self()),
    gen_server:enter_loop(?MODULE, [], Reporter, {local, entered}).

show(Label, Term) -> io:format("~s: ~p~n", [Label, Term]).

next() ->
    receive M -> M after 300 -> nothing end.

%% Starts a linked server from a helper process, so this process can watch what happens when
%% that parent exits; returns {Parent, Server}.
with_parent(Trap) ->
    Self = self(),
    Parent = spawn(fun() ->
                           {ok, S} = gen_server:start_link(?MODULE, {Trap, Self}, []),
                           Self ! {server, S},
                           receive stop -> ok end
                   end),
    receive {server, S} -> {Parent, S} end.

main() ->
    logger:set_primary_config(level, none),
    {ok, P1} = gen_server:start(?MODULE, {false, self()}, []),
    show("stop/1", gen_server:stop(P1)),
    show("terminate", next()),
    {ok, P2} = gen_server:start(?MODULE, {false, self()}, []),
    show("stop/3", gen_server:stop(P2, my_stop, 1000)),
    show("terminate", next()),
    {ok, P3} = gen_server:start(?MODULE, {false, self()}, []),
    show("stop shutdown", gen_server:stop(P3, {shutdown, x}, infinity)),
    show("terminate", next()),
    show("stop dead", catch gen_server:stop(P3)),
    show("stop unknown", catch gen_server:stop(nosuch, normal, 100)),
    %% Parent exits.
    {Pa1, S1} = with_parent(true),
    exit(Pa1, shutdown),
    show("trap parent shutdown", next()),
    timer:sleep(20),
    show("alive", is_process_alive(S1)),
    {Pa2, S2} = with_parent(true),
    exit(Pa2, weird),
    show("trap parent weird", next()),
    timer:sleep(20),
    show("alive", is_process_alive(S2)),
    {Pa3, S3} = with_parent(false),
    exit(Pa3, shutdown),
    show("no trap parent exit", next()),
    timer:sleep(20),
    show("alive", is_process_alive(S3)),
    %% Exit from a process that is not the parent.
    {ok, P4} = gen_server:start(?MODULE, {true, self()}, []),
    exit(P4, other),
    show("non-parent exit", next()),
    show("still alive", is_process_alive(P4)),
    process_flag(trap_exit, true),
    Linked = spawn_link(fun() -> receive go -> link(P4), exit(linked_gone) end end),
    Linked ! go,
    show("linked exit", element(3, next())),
    show("own exit", next()),
    process_flag(trap_exit, false),
    %% Messages nobody asked for go to handle_info.
    P4 ! stray,
    show("info", next()),
    %% format_status/1 hides the state in get_status.
    {status, _, _, [_, _, _, _, Misc]} = sys:get_status(P4),
    show("format_status", lists:last(Misc)),
    {'EXIT', {calling_self, _}} = gen_server:call(P4, self_call),
    show("calling_self", ok),
    gen_server:stop(P4),
    show("terminate", next()),
    %% enter_loop from a proc_lib process.
    Self = self(),
    E = proc_lib:spawn(fun() -> enter(Self) end),
    timer:sleep(20),
    show("enter_loop call", gen_server:call(entered, get) =:= Self),
    show("enter_loop stop", gen_server:stop(entered)),
    show("terminate", next()),
    show("enter alive", is_process_alive(E)),
    ok.
