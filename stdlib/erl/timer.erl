%% timer: OTP 25's timer module. sleep, tc and the time-unit helpers are
%% plain functions; tc uses erlang:monotonic_time/1 with microseconds.
%%
%% The timers (apply_after, send_after, send_interval, apply_interval,
%% exit_after, kill_after, cancel) return OTP 25's shapes: {ok, {Type, Ref}}
%% with Type instant, send_local, once or interval, and {error, badarg} for
%% bad arguments. OTP keeps them in a timer_server process; here each once or
%% interval timer is a process of its own, and Ref is a process alias of that
%% process (see docs/stdlib.md): cancel/1 sends {cancel, Ref} to the alias,
%% which is dropped once the timer has finished. send_after/3 to a local pid
%% is erlang:send_after/3, as in OTP.
-module(timer).

-export([sleep/1, tc/1, tc/2, tc/3, seconds/1, minutes/1, hours/1, hms/3,
         now_diff/2]).
-export([apply_after/4, send_after/2, send_after/3, exit_after/2,
         exit_after/3, kill_after/1, kill_after/2, apply_interval/4,
         send_interval/2, send_interval/3, cancel/1]).

-define(MAX_RECEIVE_AFTER, 16#ffffffff).
-define(valid_time(T), is_integer(T), T >= 0).
-define(valid_mfa(M, F, A), is_atom(M), is_atom(F), is_list(A)).

%% As OTP 25: a bad time is the receive's timeout_value error; times past
%% the receive limit are waited in steps.
sleep(T) when is_integer(T), T > ?MAX_RECEIVE_AFTER ->
    receive
    after ?MAX_RECEIVE_AFTER -> sleep(T - ?MAX_RECEIVE_AFTER)
    end;
sleep(T) ->
    receive
    after T -> ok
    end.

apply_after(0, M, F, A) when ?valid_mfa(M, F, A) ->
    _ = do_apply({M, F, A}),
    {ok, {instant, make_ref()}};
apply_after(Time, M, F, A) when ?valid_time(Time), ?valid_mfa(M, F, A) ->
    Alias = start_timer(fun(Ref) -> once(Ref, Time, {M, F, A}) end),
    {ok, {once, Alias}};
apply_after(_Time, _M, _F, _A) ->
    {error, badarg}.

send_after(0, Dest, Message) when is_pid(Dest); is_atom(Dest) ->
    Dest ! Message,
    {ok, {instant, make_ref()}};
send_after(0, {RegName, Node} = Dest, Message)
  when is_atom(RegName), is_atom(Node) ->
    Dest ! Message,
    {ok, {instant, make_ref()}};
send_after(Time, Pid, Message)
  when ?valid_time(Time), is_pid(Pid), node(Pid) =:= node() ->
    {ok, {send_local, erlang:send_after(Time, Pid, Message)}};
send_after(Time, Pid, Message) when is_pid(Pid) ->
    apply_after(Time, ?MODULE, send, [Pid, Message]);
send_after(Time, RegName, Message) when is_atom(RegName) ->
    apply_after(Time, ?MODULE, send, [RegName, Message]);
send_after(Time, {RegName, Node} = Dest, Message)
  when is_atom(RegName), is_atom(Node) ->
    apply_after(Time, ?MODULE, send, [Dest, Message]);
send_after(_Time, _Dest, _Message) ->
    {error, badarg}.

send_after(Time, Message) ->
    send_after(Time, self(), Message).

exit_after(Time, Pid, Reason) ->
    apply_after(Time, erlang, exit, [Pid, Reason]).

exit_after(Time, Reason) ->
    exit_after(Time, self(), Reason).

kill_after(Time, Pid) ->
    exit_after(Time, Pid, kill).

kill_after(Time) ->
    exit_after(Time, self(), kill).

%% An interval timer stops when the process it works for ends (the caller of
%% apply_interval, the destination of send_interval).
apply_interval(Time, M, F, A) when ?valid_time(Time), ?valid_mfa(M, F, A) ->
    start_interval(Time, self(), {M, F, A});
apply_interval(_Time, _M, _F, _A) ->
    {error, badarg}.

send_interval(Time, Pid, Message) when ?valid_time(Time), is_pid(Pid) ->
    start_interval(Time, Pid, {?MODULE, send, [Pid, Message]});
send_interval(Time, RegName, Message) when ?valid_time(Time), is_atom(RegName) ->
    start_interval(Time, RegName, {?MODULE, send, [RegName, Message]});
send_interval(Time, {RegName, Node} = Dest, Message)
  when ?valid_time(Time), is_atom(RegName), is_atom(Node) ->
    start_interval(Time, Dest, {?MODULE, send, [Dest, Message]});
send_interval(_Time, _Dest, _Message) ->
    {error, badarg}.

send_interval(Time, Message) ->
    send_interval(Time, self(), Message).

cancel({instant, Ref}) when is_reference(Ref) ->
    {ok, cancel};
cancel({send_local, Ref}) when is_reference(Ref) ->
    _ = erlang:cancel_timer(Ref),
    {ok, cancel};
cancel({Type, Ref}) when (Type =:= once orelse Type =:= interval), is_reference(Ref) ->
    Ref ! {cancel, Ref},
    {ok, cancel};
cancel(_TRef) ->
    {error, badarg}.

%% Spawns the process of a timer running Body(Alias) and returns its alias.
start_timer(Body) ->
    Tag = make_ref(),
    Self = self(),
    spawn(fun() ->
                  Alias = alias([explicit_unalias]),
                  Self ! {Tag, Alias},
                  Body(Alias)
          end),
    receive {Tag, Alias} -> Alias end.

once(Alias, Time, MFA) ->
    receive
        {cancel, Alias} -> ok
    after Time ->
        do_apply(MFA)
    end.

start_interval(Time, Target, MFA) ->
    Start = erlang:monotonic_time(millisecond),
    Alias = start_timer(fun(Ref) ->
                                Mon = erlang:monitor(process, Target),
                                interval(Ref, Mon, Time, Start + Time, MFA)
                        end),
    {ok, {interval, Alias}}.

%% Fires at Start + k * Time, so that slow applies do not shift the schedule.
interval(Alias, Mon, Time, Next, MFA) ->
    Wait = max(0, Next - erlang:monotonic_time(millisecond)),
    receive
        {cancel, Alias} -> ok;
        {'DOWN', Mon, process, _, _} -> ok
    after Wait ->
        _ = do_apply(MFA),
        interval(Alias, Mon, Time, Next + Time, MFA)
    end.

%% As OTP's timer server: a send is done by the timer itself, anything else
%% runs in a process of its own.
do_apply({?MODULE, send, [Dest, Message]}) ->
    try Dest ! Message catch error:badarg -> ok end;
do_apply({M, F, A}) ->
    spawn(M, F, A).

tc(F) ->
    T1 = erlang:monotonic_time(microsecond),
    Val = F(),
    T2 = erlang:monotonic_time(microsecond),
    {T2 - T1, Val}.

tc(F, A) ->
    T1 = erlang:monotonic_time(microsecond),
    Val = apply(F, A),
    T2 = erlang:monotonic_time(microsecond),
    {T2 - T1, Val}.

tc(M, F, A) ->
    T1 = erlang:monotonic_time(microsecond),
    Val = apply(M, F, A),
    T2 = erlang:monotonic_time(microsecond),
    {T2 - T1, Val}.

seconds(Seconds) -> 1000 * Seconds.

minutes(Minutes) -> 1000 * 60 * Minutes.

hours(Hours) -> 1000 * 60 * 60 * Hours.

hms(H, M, S) -> hours(H) + minutes(M) + seconds(S).

now_diff({A2, B2, C2}, {A1, B1, C1}) ->
    ((A2 - A1) * 1000000 + B2 - B1) * 1000000 + C2 - C1.
