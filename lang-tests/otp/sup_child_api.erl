%% supervisor: the child API and its errors: start_child (maps, tuples, duplicates, ignore,
%% {error,_}, junk, a crash, {ok,Pid,Extra}), terminate_child, restart_child, delete_child,
%% get_childspec, which_children, count_children.
-module(sup_child_api).
-export([main/0, init/1, start_worker/1, start_with/1, start_inner/0]).

init(inner) ->
    {ok, {#{}, []}};
init(Specs) ->
    {ok, {#{intensity => 10}, Specs}}.

start_worker(Id) ->
    Self = self(),
    Pid = spawn_link(fun() -> Self ! {ready, self()}, receive {exit, R} -> exit(R) end end),
    receive {ready, Pid} -> ok end,
    put({pid, Id}, Pid),
    {ok, Pid}.

%% A start function answering with a fixed kind of result.
start_with(ignore) -> ignore;
start_with(error) -> {error, nope};
start_with(junk) -> junk;
start_with(crash) -> error(start_crash);
start_with(throw) -> throw(thrown);
start_with(extra) ->
    {ok, P} = start_worker(extra),
    {ok, P, extra_info};
start_with({error_after, Key}) ->
    case get(Key) of
        undefined -> put(Key, started), start_worker(Key);
        _ -> {error, second_time}
    end.

start_inner() ->
    supervisor:start_link(?MODULE, inner).

spec(Id) -> #{id => Id, start => {?MODULE, start_worker, [Id]}}.
with(Id, How) -> #{id => Id, start => {?MODULE, start_with, [How]}}.

main() ->
    process_flag(trap_exit, true),
    {ok, S} = supervisor:start_link(?MODULE, [spec(a)]),
    io:format("start_child map: ~p~n", [r(supervisor:start_child(S, spec(b)))]),
    io:format("start_child tuple: ~p~n",
              [r(supervisor:start_child(S, {c, {?MODULE, start_worker, [c]}, permanent, 1000,
                                           worker, [?MODULE]}))]),
    io:format("start_child supervisor: ~p~n",
              [r(supervisor:start_child(S, #{id => sub, type => supervisor,
                                             start => {?MODULE, start_inner, []}}))]),
    io:format("duplicate running: ~p~n", [r(supervisor:start_child(S, spec(a)))]),
    io:format("ignore: ~p~n", [r(supervisor:start_child(S, with(ig, ignore)))]),
    io:format("ignore, temporary: ~p~n",
              [r(supervisor:start_child(S, (with(igt, ignore))#{restart => temporary}))]),
    io:format("duplicate stopped: ~p~n", [r(supervisor:start_child(S, with(ig, ignore)))]),
    io:format("error: ~p~n", [r(supervisor:start_child(S, with(er, error)))]),
    io:format("error, temporary: ~p~n",
              [r(supervisor:start_child(S, (with(ert, error))#{restart => temporary}))]),
    io:format("junk: ~p~n", [r(supervisor:start_child(S, with(jk, junk)))]),
    {error, {{'EXIT', {start_crash, [{?MODULE, start_with, 1, _} | _]}}, C}} =
        supervisor:start_child(S, with(cr, crash)),
    io:format("crash: {error,{{'EXIT',{start_crash,Stack}},~p}}~n", [C]),
    io:format("throw: ~p~n", [r(supervisor:start_child(S, with(th, throw)))]),
    io:format("extra: ~p~n", [r(supervisor:start_child(S, with(ex, extra)))]),
    io:format("missing start: ~p~n", [supervisor:start_child(S, #{id => x})]),
    io:format("bad restart: ~p~n",
              [supervisor:start_child(S, #{id => x, start => {m, f, []}, restart => sometimes})]),
    io:format("bad spec: ~p~n", [supervisor:start_child(S, {x, y})]),
    io:format("args list on a static supervisor: ~p~n", [supervisor:start_child(S, [x])]),
    io:format("which_children: ~p~n", [wc(S)]),
    io:format("count_children: ~p~n", [supervisor:count_children(S)]),
    io:format("get_callback_module: ~p~n", [supervisor:get_callback_module(S)]),
    io:format("get_childspec a: ~p~n", [supervisor:get_childspec(S, a)]),
    io:format("get_childspec ig: ~p~n", [supervisor:get_childspec(S, ig)]),
    io:format("get_childspec nosuch: ~p~n", [supervisor:get_childspec(S, nosuch)]),
    {b, PB, _, _} = lists:keyfind(b, 1, supervisor:which_children(S)),
    io:format("get_childspec by pid: ~p~n", [element(1, supervisor:get_childspec(S, PB))]),
    io:format("terminate_child a: ~p~n", [supervisor:terminate_child(S, a)]),
    io:format("terminate_child a again: ~p~n", [supervisor:terminate_child(S, a)]),
    io:format("terminate_child nosuch: ~p~n", [supervisor:terminate_child(S, nosuch)]),
    io:format("terminate_child by pid: ~p~n", [supervisor:terminate_child(S, PB)]),
    io:format("terminate_child by dead pid: ~p~n", [supervisor:terminate_child(S, PB)]),
    io:format("terminate_child sub: ~p~n", [supervisor:terminate_child(S, sub)]),
    io:format("which_children: ~p~n", [wc(S)]),
    io:format("count_children: ~p~n", [supervisor:count_children(S)]),
    io:format("restart_child a: ~p~n", [r(supervisor:restart_child(S, a))]),
    io:format("restart_child a again: ~p~n", [r(supervisor:restart_child(S, a))]),
    io:format("restart_child nosuch: ~p~n", [supervisor:restart_child(S, nosuch)]),
    io:format("restart_child ig: ~p~n", [r(supervisor:restart_child(S, ig))]),
    io:format("restart_child sub: ~p~n", [r(supervisor:restart_child(S, sub))]),
    {ok, _} = supervisor:start_child(S, with(ea, {error_after, ea})),
    ok = supervisor:terminate_child(S, ea),
    io:format("restart_child failing: ~p~n", [r(supervisor:restart_child(S, ea))]),
    io:format("delete_child a (running): ~p~n", [supervisor:delete_child(S, a)]),
    io:format("delete_child nosuch: ~p~n", [supervisor:delete_child(S, nosuch)]),
    io:format("delete_child ig (stopped): ~p~n", [supervisor:delete_child(S, ig)]),
    io:format("delete_child ig again: ~p~n", [supervisor:delete_child(S, ig)]),
    io:format("delete_child ea: ~p~n", [supervisor:delete_child(S, ea)]),
    ok = supervisor:terminate_child(S, b),
    io:format("delete_child b: ~p~n", [supervisor:delete_child(S, b)]),
    io:format("start_child b again: ~p~n", [r(supervisor:start_child(S, spec(b)))]),
    io:format("which_children: ~p~n", [wc(S)]),
    io:format("count_children: ~p~n", [supervisor:count_children(S)]),
    exit(S, shutdown),
    receive {'EXIT', S, R} -> io:format("supervisor exit: ~p~n", [R]) end,
    io:format("calls to a dead supervisor:~n"),
    [io:format("  ~p~n", [catch_exit(F)])
     || F <- [fun() -> supervisor:which_children(S) end,
              fun() -> supervisor:count_children(S) end,
              fun() -> supervisor:start_child(S, spec(z)) end,
              fun() -> supervisor:terminate_child(S, a) end]],
    ok.

catch_exit(F) ->
    try F() catch exit:{Reason, {gen_server, call, [_, Req, T]}} -> {exit, Reason, Req, T} end.

%% Pids do not print the same on two runs: show them as the atom pid.
r({ok, P}) when is_pid(P) -> {ok, pid};
r({ok, P, X}) when is_pid(P) -> {ok, pid, X};
r({error, {already_started, P}}) when is_pid(P) -> {error, {already_started, pid}};
r(X) -> X.

wc(S) ->
    [{Id, if is_pid(P) -> pid; true -> P end, T, M} || {Id, P, T, M} <- supervisor:which_children(S)].
