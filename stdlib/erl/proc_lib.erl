%% proc_lib: OTP 25's process starter for behaviours. Processes it spawns carry '$ancestors' and
%% '$initial_call' in their dictionary, synchronous starts wait for init_ack/1,2, and a process
%% that exits abnormally logs a CRASH REPORT (text built by krarup_report) before it exits.
-module(proc_lib).
-export([spawn/1, spawn/3, spawn_link/1, spawn_link/3, spawn_opt/2, spawn_opt/4,
         start/3, start/4, start/5, start_link/3, start_link/4, start_link/5,
         start_monitor/3, start_monitor/4, start_monitor/5,
         init_ack/1, init_ack/2, init_p/3, init_p/5, initial_call/1,
         translate_initial_call/1, hibernate/3, wake_up/3, stop/1, stop/3,
         format/1, format/2, format/3, report_cb/2]).

%% ---- spawning ----

spawn(F) when is_function(F) ->
    erlang:spawn(?MODULE, init_p, [my_name(), ancestors(), F]).

spawn(M, F, A) when is_atom(M), is_atom(F), is_list(A) ->
    erlang:spawn(?MODULE, init_p, [my_name(), ancestors(), M, F, A]).

spawn_link(F) when is_function(F) ->
    erlang:spawn_link(?MODULE, init_p, [my_name(), ancestors(), F]).

spawn_link(M, F, A) when is_atom(M), is_atom(F), is_list(A) ->
    erlang:spawn_link(?MODULE, init_p, [my_name(), ancestors(), M, F, A]).

spawn_opt(F, Opts) when is_function(F) ->
    erlang:spawn_opt(?MODULE, init_p, [my_name(), ancestors(), F], Opts).

spawn_opt(M, F, A, Opts) when is_atom(M), is_atom(F), is_list(A) ->
    erlang:spawn_opt(?MODULE, init_p, [my_name(), ancestors(), M, F, A], Opts).

%% Entry of a fun started by proc_lib:spawn*.
init_p(Parent, Ancestors, Fun) when is_function(Fun) ->
    %% '$initial_call' first: get/0 then lists the two as erl's does.
    {module, M} = erlang:fun_info(Fun, module),
    {name, F} = erlang:fun_info(Fun, name),
    {arity, A} = erlang:fun_info(Fun, arity),
    put('$initial_call', {M, F, A}),
    put('$ancestors', [Parent | Ancestors]),
    try
        Fun()
    catch
        Class:Reason:Stack ->
            exit_p(Class, Reason, Stack)
    end.

%% Entry of M:F(A...) started by proc_lib:spawn*/start*.
init_p(Parent, Ancestors, M, F, A) when is_atom(M), is_atom(F), is_list(A) ->
    put('$initial_call', trans_init(M, F, A)),
    put('$ancestors', [Parent | Ancestors]),
    init_p_do_apply(M, F, A).

init_p_do_apply(M, F, A) ->
    try
        apply(M, F, A)
    catch
        Class:Reason:Stack ->
            exit_p(Class, Reason, Stack)
    end.

%% Logs the crash report (unless the reason is a normal one) and exits with OTP's reason.
exit_p(Class, Reason, Stack) ->
    MFA = case get('$initial_call') of
              {M, F, A} when is_atom(M), is_atom(F), is_integer(A) ->
                  {M, F, dummy_args(A)};
              _ ->
                  []
          end,
    crash_report(Class, Reason, MFA, Stack),
    erlang:raise(exit, exit_reason(Class, Reason, Stack), Stack).

exit_reason(error, Reason, Stack) -> {Reason, Stack};
exit_reason(exit, Reason, _) -> Reason;
exit_reason(throw, Reason, Stack) -> {{nocatch, Reason}, Stack}.

dummy_args(0) -> [];
dummy_args(N) ->
    [list_to_atom("Argument__" ++ integer_to_list(I)) || I <- lists:seq(1, N)].

my_name() ->
    case erlang:process_info(self(), registered_name) of
        {registered_name, Name} when is_atom(Name) -> Name;
        _ -> self()
    end.

ancestors() ->
    case get('$ancestors') of
        A when is_list(A) -> A;
        _ -> []
    end.

%% ---- synchronous start ----

start(M, F, A) -> start(M, F, A, infinity).
start(M, F, A, Timeout) -> start(M, F, A, Timeout, []).
start(M, F, A, Timeout, SpawnOpts) ->
    no_monitor_opt(M, F, A, Timeout, SpawnOpts),
    sync_start(?MODULE:spawn_opt(M, F, A, [monitor | SpawnOpts]), Timeout).

start_link(M, F, A) -> start_link(M, F, A, infinity).
start_link(M, F, A, Timeout) -> start_link(M, F, A, Timeout, []).
start_link(M, F, A, Timeout, SpawnOpts) ->
    no_monitor_opt(M, F, A, Timeout, SpawnOpts),
    sync_start_link(?MODULE:spawn_opt(M, F, A, [link | SpawnOpts]), Timeout).

start_monitor(M, F, A) -> start_monitor(M, F, A, infinity).
start_monitor(M, F, A, Timeout) -> start_monitor(M, F, A, Timeout, []).
start_monitor(M, F, A, Timeout, SpawnOpts) ->
    no_monitor_opt(M, F, A, Timeout, SpawnOpts),
    {Pid, Ref} = ?MODULE:spawn_opt(M, F, A, [monitor | SpawnOpts]),
    receive
        {ack, Pid, Return} ->
            {Return, Ref};
        {'DOWN', Ref, process, Pid, Reason} = Down ->
            self() ! Down,
            {{error, Reason}, Ref}
    after Timeout ->
            kill_flush(Pid),
            {{error, timeout}, Ref}
    end.

no_monitor_opt(M, F, A, Timeout, Opts) ->
    case lists:member(monitor, Opts) of
        true -> erlang:error(badarg, [M, F, A, Timeout, Opts]);
        false -> ok
    end.

sync_start({Pid, Ref}, Timeout) ->
    receive
        {ack, Pid, Return} ->
            erlang:demonitor(Ref, [flush]),
            Return;
        {'DOWN', Ref, process, Pid, Reason} ->
            {error, Reason}
    after Timeout ->
            erlang:demonitor(Ref, [flush]),
            kill_flush(Pid),
            {error, timeout}
    end.

sync_start_link(Pid, Timeout) ->
    receive
        {ack, Pid, Return} ->
            Return;
        {'EXIT', Pid, Reason} ->
            {error, Reason}
    after Timeout ->
            kill_flush(Pid),
            {error, timeout}
    end.

kill_flush(Pid) ->
    unlink(Pid),
    exit(Pid, kill),
    receive
        {'EXIT', Pid, _} -> ok
    after 0 -> ok
    end,
    ok.

init_ack(Return) ->
    [Parent | _] = get('$ancestors'),
    init_ack(Parent, Return).

init_ack(Parent, Return) ->
    Parent ! {ack, self(), Return},
    ok.

%% ---- initial call ----

%% {M, F, ['Argument__1', ...]} as OTP 25, or false when the process was not started by proc_lib.
initial_call(DictOrPid) ->
    case raw_initial_call(DictOrPid) of
        {M, F, A} when is_integer(A) -> {M, F, dummy_args(A)};
        false -> false
    end.

%% The initial call as {M, F, Arity}, translated for behaviours; {proc_lib, init_p, 5} otherwise.
translate_initial_call(DictOrPid) ->
    case raw_initial_call(DictOrPid) of
        {_, _, _} = MFA -> MFA;
        false -> {?MODULE, init_p, 5}
    end.

raw_initial_call(Pid) when is_pid(Pid) ->
    case erlang:process_info(Pid, dictionary) of
        {dictionary, Dict} -> raw_initial_call(Dict);
        _ -> false
    end;
raw_initial_call(Dict) when is_list(Dict) ->
    case lists:keyfind('$initial_call', 1, Dict) of
        {_, {M, F, A} = MFA} when is_atom(M), is_atom(F), is_integer(A) -> MFA;
        _ -> false
    end.

trans_init(gen, init_it, [gen_server, _, _, supervisor, {_, Module, _}, _]) ->
    {supervisor, Module, 1};
trans_init(gen, init_it, [gen_server, _, _, supervisor_bridge, [Module | _], _]) ->
    {supervisor_bridge, Module, 1};
trans_init(gen, init_it, [gen_event | _]) ->
    {gen_event, init_it, 6};
trans_init(gen, init_it, [_GenMod, _, _, Module, _, _]) when is_atom(Module) ->
    {Module, init, 1};
trans_init(gen, init_it, [_GenMod, _, _, _, Module | _]) when is_atom(Module) ->
    {Module, init, 1};
trans_init(M, F, A) when is_atom(M), is_atom(F) ->
    {M, F, length(A)}.

%% ---- hibernate ----

%% erlang:hibernate/3 discards the stack, so the wake-up runs under proc_lib's catch again. On a
%% VM without it the process collects its garbage and goes on in the same stack.
hibernate(M, F, A) ->
    case erlang:function_exported(erlang, hibernate, 3) of
        true ->
            erlang:hibernate(?MODULE, wake_up, [M, F, A]);
        false ->
            erlang:garbage_collect(),
            apply(M, F, A)
    end.

wake_up(M, F, A) ->
    try
        apply(M, F, A)
    catch
        Class:Reason:Stack ->
            exit_p(Class, Reason, Stack)
    end.

%% ---- stop ----

stop(Process) -> stop(Process, normal, infinity).

%% Stops a proc_lib process that answers system messages, as OTP 25's proc_lib:stop/3: the
%% terminating call runs in a helper so the caller survives; exits with noproc or timeout.
stop(Process, Reason, Timeout) ->
    Mref = erlang:monitor(process, Process),
    {Helper, HRef} = erlang:spawn_monitor(
                       fun() -> exit(catch sys:terminate(Process, Reason, infinity)) end),
    receive
        {'DOWN', Mref, _, _, Reason} ->
            erlang:demonitor(HRef, [flush]),
            ok;
        {'DOWN', Mref, _, _, Reason2} ->
            erlang:demonitor(HRef, [flush]),
            exit(Reason2)
    after Timeout ->
            erlang:demonitor(HRef, [flush]),
            exit(Helper, kill),
            erlang:demonitor(Mref, [flush]),
            exit(timeout)
    end.

%% ---- crash report ----

crash_report(exit, normal, _, _) -> ok;
crash_report(exit, shutdown, _, _) -> ok;
crash_report(exit, {shutdown, _}, _, _) -> ok;
crash_report(Class, Reason, StartF, Stack) ->
    Report = [my_info(Class, Reason, StartF, Stack), linked_info(self())],
    logger:log_report(error, #{label => {proc_lib, crash}, report => Report},
                      #{domain => [otp, sasl], report_cb => fun proc_lib:report_cb/2,
                        error_logger => #{tag => error_report, type => crash_report}}).

my_info(Class, Reason, [], Stack) ->
    my_info_1(Class, Reason, Stack);
my_info(Class, Reason, StartF, Stack) ->
    [{initial_call, StartF} | my_info_1(Class, Reason, Stack)].

my_info_1(Class, Reason, Stack) ->
    Self = self(),
    [{pid, Self},
     get_process_info(Self, registered_name),
     {error_info, {Class, Reason, Stack}},
     {ancestors, ancestors()},
     get_process_info(Self, message_queue_len),
     get_process_info(Self, messages),
     get_process_info(Self, links),
     cleaned_dict(Self),
     get_process_info(Self, trap_exit),
     {status, running},
     get_process_info(Self, heap_size),
     get_process_info(Self, stack_size),
     get_process_info(Self, reductions)].

get_process_info(Pid, Tag) ->
    case catch erlang:process_info(Pid, Tag) of
        {Tag, _} = Item -> Item;
        _ -> {Tag, []}
    end.

cleaned_dict(Pid) ->
    case erlang:process_info(Pid, dictionary) of
        {dictionary, Dict} ->
            {dictionary, [KV || {K, _} = KV <- Dict,
                                K =/= '$ancestors', K =/= '$initial_call']};
        _ ->
            {dictionary, []}
    end.

%% The linked processes that are proc_lib processes or run in this node, as OTP's neighbours.
linked_info(Self) ->
    {links, Links} = get_process_info(Self, links),
    [neighbour_info(P) || P <- Links, is_pid(P), is_process_alive(P), neighbour(P)].

neighbour(P) ->
    case raw_initial_call(P) of
        false -> false;
        _ -> true
    end.

neighbour_info(P) ->
    {neighbour,
     [{pid, P},
      get_process_info(P, registered_name),
      {initial_call, neighbour_initial_call(P)},
      get_process_info(P, current_function),
      {ancestors, case erlang:process_info(P, dictionary) of
                      {dictionary, D} ->
                          case lists:keyfind('$ancestors', 1, D) of
                              {_, A} -> A;
                              false -> []
                          end;
                      _ -> []
                  end},
      get_process_info(P, message_queue_len),
      get_process_info(P, links),
      get_process_info(P, trap_exit),
      get_process_info(P, status),
      get_process_info(P, heap_size),
      get_process_info(P, stack_size),
      get_process_info(P, reductions),
      get_process_info(P, current_stacktrace)]}.

neighbour_initial_call(P) ->
    case initial_call(P) of
        false -> [];
        MFA -> MFA
    end.

%% report_cb for the crash report: {Format, Args} for the logger's formatter.
report_cb(#{label := {proc_lib, crash}, report := Report}, _Config) ->
    krarup_report:crash_report(Report);
report_cb(Report, _Config) ->
    io_lib:format("~tp", [Report]).

format(CrashReport) -> format(CrashReport, latin1).
format(CrashReport, _Encoding) -> krarup_report:crash_report(CrashReport).
format(CrashReport, _Encoding, _Depth) -> krarup_report:crash_report(CrashReport).
