%% supervisor: shutdown of children: brutal_kill, a timeout the child meets, a timeout it
%% overruns (killed, shutdown_error report), infinity, a child exiting with another reason on
%% shutdown, a child supervisor; reverse start order; terminate_child with each kind.
-module(sup_shutdown).
-export([main/0, init/1, start_worker/2]).

init({Flags, Specs}) ->
    {ok, {Flags, Specs}}.

%% Behaviour on shutdown: prompt (exit shutdown), {slow, Ms}, stubborn (ignores it), {other, R}.
start_worker(Id, How) ->
    Self = self(),
    Pid = spawn_link(fun() -> process_flag(trap_exit, true), Self ! {ready, self()}, loop(Id, How) end),
    receive {ready, Pid} -> ok end,
    {ok, Pid}.

loop(Id, How) ->
    receive
        {'EXIT', _, Reason} ->
            io:format("  ~p got ~p~n", [Id, Reason]),
            case How of
                prompt -> exit(Reason);
                {slow, Ms} -> receive after Ms -> exit(Reason) end;
                stubborn -> loop(Id, How);
                {other, R} -> exit(R)
            end
    end.

spec(Id, How, Shutdown) ->
    #{id => Id, shutdown => Shutdown, start => {?MODULE, start_worker, [Id, How]}}.

main() ->
    process_flag(trap_exit, true),
    Inner = #{id => inner, type => supervisor,
              start => {supervisor, start_link,
                        [?MODULE, {#{}, [spec(i1, prompt, 1000), spec(i2, prompt, 1000)]}]}},
    Specs = [spec(brutal, prompt, brutal_kill),
             spec(prompt, prompt, 1000),
             spec(slow, {slow, 50}, 1000),
             spec(stubborn, stubborn, 100),
             spec(patient, {slow, 200}, infinity),
             spec(other, {other, bye}, 1000),
             spec(other_normal, {other, normal}, 1000),
             (spec(other_normal_t, {other, normal}, 1000))#{restart => transient},
             (spec(killed_t, stubborn, 50))#{restart => temporary},
             Inner,
             spec(last, prompt, 1000)],
    io:format("supervisor shutdown:~n"),
    {ok, S} = supervisor:start_link(?MODULE, {#{}, Specs}),
    T0 = erlang:monotonic_time(millisecond),
    exit(S, shutdown),
    receive {'EXIT', S, R} -> io:format("  supervisor exit: ~p~n", [R]) end,
    T = erlang:monotonic_time(millisecond) - T0,
    io:format("  took at least 350 ms: ~p~n", [T >= 350]),
    io:format("terminate_child one by one:~n"),
    {ok, S2} = supervisor:start_link(?MODULE, {#{}, Specs}),
    [begin
         io:format(" ~p: ~p~n", [Id, supervisor:terminate_child(S2, Id)]),
         io:format("  ~p~n", [[{I, P =:= undefined} || {I, P, _, _} <- supervisor:which_children(S2)]])
     end || Id <- [stubborn, brutal, other, other_normal_t, inner, killed_t, last]],
    io:format("supervisor killed with a reason it forwards:~n"),
    exit(S2, going_away),
    receive {'EXIT', S2, R2} -> io:format("  supervisor exit: ~p~n", [R2]) end,
    ok.
