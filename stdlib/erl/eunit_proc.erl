%% eunit_proc: runs EUnit test sets in processes, as OTP 25's eunit_proc does. Each task (the
%% whole run, a {spawn, ...} group, a setup fixture's tests, each test of an inparallel group)
%% is an insulator process that traps exits and a child running the tests. The child reports
%% {'begin', ...}/{'end', ...} to the insulator, which forwards them as
%% {status, Id, {progress, 'begin' | 'end', Data}} or {status, Id, {cancel, Reason}} to the
%% serializer (eunit_serial). Ids are lists of positions ([] the run, [1] its first item, ...).
%% Each test runs with a fresh group leader that captures its standard output (the "output"
%% of its report) and under a timer (5 s unless {timeout, T, ...} says otherwise): when the
%% timer fires the insulator kills the child and cancels the rest of its task.
-module(eunit_proc).

-export([start/5, get_output/0]).

-record(test, {f, desc, timeout, location, line = 0}).
-record(group, {desc, options, order, timeout, context, spawn, tests}).

-record(st, {ref, id = [], super, insulator, parent, order, options}).

%% Starts running Tests; the calling process gets {done, Ref, Pid} when it is over.
start(Tests, Order, Super, Ref, Options) ->
    St = #st{ref = Ref, super = Super, order = Order, options = Options},
    start_task(fun(St1) -> fun() -> run_group(#group{tests = Tests}, St1) end end, St).

%% What the running test has printed so far (?capturedOutput).
get_output() ->
    group_leader() ! {get_output, self()},
    receive
        {output, Output} -> Output
    after 100 -> throw({eunit_abort, get_output})
    end.

super(Id, Info, St) ->
    St#st.super ! {status, Id, Info}.

start_task(Fun, St0) ->
    sync(St0),
    St = St0#st{parent = self()},
    spawn_link(fun() -> insulator(Fun, St) end).

%% Waits until this task's insulator has passed on everything this process told it, so that
%% the serializer hears of earlier items before the new task's (BEAM is usually fast enough
%% for this not to matter; krarup's schedulers can interleave the two insulators otherwise).
sync(#st{insulator = undefined}) -> ok;
sync(#st{insulator = I}) ->
    I ! {sync, self()},
    receive {synced, I} -> ok end.

insulator(Fun, St0) ->
    process_flag(trap_exit, true),
    io:register_server(self()),
    St = St0#st{insulator = self()},
    Child = spawn_link(fun() -> child(Fun(St), St) end),
    insulator_wait(Child, St#st.parent, [], St).

%% Buf holds one output buffer (reversed chardata) per open 'begin'.
insulator_wait(Child, Parent, Buf, St) ->
    receive
        {child, Child, Id, {'begin', Type, Data}} ->
            super(Id, {progress, 'begin', {Type, Data}}, St),
            insulator_wait(Child, Parent, [[] | Buf], St);
        {child, Child, Id, {'end', Status, Time}} ->
            Data = [{time, Time}, {output, lists:reverse(hd(Buf))}],
            super(Id, {progress, 'end', {Status, Data}}, St),
            insulator_wait(Child, Parent, tl(Buf), St);
        {child, Child, Id, {skipped, Reason}} ->
            super(Id, {cancel, {abort, Reason}}, St),
            insulator_wait(Child, Parent, Buf, St);
        {child, Child, Id, {abort, Cause}} ->
            cancel(Id, {abort, Cause}, St),
            terminate(St);
        {sync, Child} ->
            Child ! {synced, self()},
            insulator_wait(Child, Parent, Buf, St);
        {io_request, Child, ReplyAs, Req} ->
            Buf1 = io_request(Child, ReplyAs, Req, hd(Buf)),
            insulator_wait(Child, Parent, [Buf1 | tl(Buf)], St);
        {io_request, From, ReplyAs, Req} when is_pid(From) ->
            io_request(From, ReplyAs, Req, []),
            insulator_wait(Child, Parent, Buf, St);
        {timeout, Child, Id} ->
            Reason = case erlang:process_info(Child, current_stacktrace) of
                         {current_stacktrace, Stack} -> {timeout, #{stacktrace => Stack}};
                         _ -> timeout
                     end,
            cancel(Id, Reason, St),
            exit(Child, kill),
            terminate(St);
        {'EXIT', Child, normal} ->
            terminate(St);
        {'EXIT', Child, Reason} ->
            cancel(St#st.id, {exit, Reason}, St),
            terminate(St);
        {'EXIT', Parent, _} ->
            exit(Child, kill),
            terminate(St)
    end.

terminate(St) ->
    io:unregister_server(self()),
    Parent = St#st.parent,
    Parent ! {done, St#st.ref, self()},
    unlink(Parent),
    exit(normal).

%% Cancels Id; the task's own id is cancelled too, blaming Id.
cancel(Id, Cause, St) ->
    super(Id, {cancel, Cause}, St),
    case St#st.id of
        Id -> ok;
        Own -> super(Own, {cancel, {blame, Id}}, St)
    end.

to_insulator(Data, St) ->
    St#st.insulator ! {child, self(), St#st.id, Data}.

child(Fun, St) ->
    group_leader(St#st.insulator, self()),
    try Fun()
    catch
        throw:{eunit_abort, Cause} ->
            to_insulator({abort, Cause}, St),
            exit(aborted)
    end.

%% {Value, Milliseconds}; past Time the insulator gets {timeout, self(), Id}.
with_timeout(undefined, Default, F, St) -> with_timeout(Default, F, St);
with_timeout(Time, _Default, F, St) -> with_timeout(Time, F, St).

with_timeout(infinity, F, _St) ->
    {T0, _} = statistics(wall_clock),
    Value = F(),
    {T1, _} = statistics(wall_clock),
    {Value, T1 - T0};
with_timeout(Time, F, St) when is_integer(Time) ->
    Ref = erlang:send_after(max(0, min(Time, 4294967295)), St#st.insulator,
                            {timeout, self(), St#st.id}),
    {T0, _} = statistics(wall_clock),
    try F() of
        Value ->
            {T1, _} = statistics(wall_clock),
            {Value, T1 - T0}
    after
        erlang:cancel_timer(Ref)
    end.

wait_for_tasks([], _St) -> ok;
wait_for_tasks(Pids, St) ->
    Ref = St#st.ref,
    receive
        {done, Ref, Pid} -> wait_for_tasks(lists:delete(Pid, Pids), St)
    end.

%% Runs the items of T; the number of items.
tests(T, St) ->
    I = eunit_data:iter_init(T, St#st.id, St#st.options),
    case St#st.order of
        inorder -> tests_inorder(I, 0, St);
        {inparallel, N} -> tests_inparallel(I, 0, St, N, N, [])
    end.

set_id(I, St) -> St#st{id = eunit_data:iter_id(I)}.

tests_inorder(I, N, St) ->
    case next_item(I) of
        {T, I1} ->
            handle_item(T, set_id(I1, St)),
            tests_inorder(I1, N + 1, St);
        none -> N
    end.

%% At most K0 at a time (0: no limit), each in its own task.
tests_inparallel(I, N, St, K, K0, Children) when K =< 0, K0 > 0 ->
    wait_for_tasks(Children, St),
    tests_inparallel(I, N, St, K0, K0, []);
tests_inparallel(I, N, St, K, K0, Children) ->
    case next_item(I) of
        {T, I1} ->
            Child = start_task(fun(St1) -> fun() -> handle_item(T, St1) end end,
                               set_id(I1, St)),
            tests_inparallel(I1, N + 1, St, K - 1, K0, [Child | Children]);
        none ->
            wait_for_tasks(Children, St),
            N
    end.

next_item(I) ->
    try eunit_data:iter_next(I)
    catch
        throw:Term -> throw({eunit_abort, Term})
    end.

handle_item(#test{} = T, St) -> handle_test(T, St);
handle_item(#group{} = T, St) -> handle_group(T, St).

handle_test(T, St) ->
    Data = [{desc, T#test.desc}, {source, T#test.location}, {line, T#test.line}],
    to_insulator({'begin', test, Data}, St),
    G0 = group_leader(),
    G1 = spawn_link(fun() -> capture_loop([]) end),
    %% Registered before the test runs, so that its first output is captured.
    io:register_server(G1),
    group_leader(G1, self()),
    {Status, Time} = with_timeout(T#test.timeout, 5000, fun() -> run_test(T) end, St),
    group_leader(G0, self()),
    Output = capture_stop(G1),
    io:put_chars(Output),
    to_insulator({'end', Status, Time}, St),
    ok.

run_test(#test{f = F}) ->
    try eunit_data:run_testfun(F) of
        {ok, _Value} -> ok;
        {error, Exception} -> {error, Exception}
    catch
        throw:Why -> {skipped, Why}
    end.

handle_group(T, St0) ->
    St = case T#group.order of
             undefined -> St0;
             Order -> St0#st{order = Order}
         end,
    case T#group.spawn of
        undefined -> run_group(T, St);
        local ->
            Child = start_task(fun(St1) -> fun() -> run_group(T, St1) end end, St),
            wait_for_tasks([Child], St)
    end.

run_group(T, St) ->
    Data = [{desc, T#group.desc}, {spawn, T#group.spawn}, {order, T#group.order}],
    to_insulator({'begin', group, Data}, St),
    Enter = fun(Tests) -> with_timeout(T#group.timeout, infinity,
                                       fun() -> tests(Tests, St) end, St)
            end,
    try with_context(T, Enter) of
        {Status, Time} -> to_insulator({'end', Status, Time}, St)
    catch
        throw:{context_error, Why, Trace} -> to_insulator({skipped, {Why, Trace}}, St)
    end,
    ok.

with_context(#group{context = undefined, tests = T}, F) -> F(T);
with_context(#group{context = C, tests = I}, F) -> eunit_data:enter_context(C, I, F).

%% The group leader of a running test: collects its output until told to stop.
capture_loop(Buf) ->
    receive
        {io_request, From, ReplyAs, Req} ->
            capture_loop(io_request(From, ReplyAs, Req, Buf));
        {get_output, From} ->
            From ! {output, lists:flatten(lists:reverse(Buf))},
            capture_loop(Buf);
        {stop, From} ->
            capture_drain(From, Buf)
    end.

%% Output still on its way (from processes the test started) is taken for a moment longer.
capture_drain(From, Buf) ->
    receive
        {io_request, Sender, ReplyAs, Req} ->
            capture_drain(From, io_request(Sender, ReplyAs, Req, Buf))
    after 2 ->
            io:unregister_server(self()),
            From ! {self(), lists:reverse(Buf)}
    end.

capture_stop(G) ->
    G ! {stop, self()},
    receive {G, Buf} -> Buf end.

io_request(From, ReplyAs, Req, Buf) ->
    {Reply, Buf1} = io_request(Req, Buf),
    From ! {io_reply, ReplyAs, Reply},
    Buf1.

io_request({put_chars, Chars}, Buf) -> {ok, [Chars | Buf]};
io_request({put_chars, _Enc, Chars}, Buf) -> {ok, [Chars | Buf]};
io_request({put_chars, M, F, As}, Buf) ->
    try apply(M, F, As) of
        Chars -> {ok, [Chars | Buf]}
    catch
        C:T:S -> {{error, {C, T, S}}, Buf}
    end;
io_request({put_chars, _Enc, M, F, As}, Buf) -> io_request({put_chars, M, F, As}, Buf);
io_request({setopts, _}, Buf) -> {ok, Buf};
io_request({requests, Reqs}, Buf) -> io_requests(Reqs, {ok, Buf});
io_request(_, Buf) -> {{error, request}, Buf}.

io_requests([R | Rs], {ok, Buf}) -> io_requests(Rs, io_request(R, Buf));
io_requests(_, Result) -> Result.
