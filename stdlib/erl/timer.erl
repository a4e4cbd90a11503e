%% timer: the process-free part of OTP 25's timer module (sleep, tc and
%% time-unit helpers). send_after/apply_after and friends are not provided.
%% tc uses erlang:monotonic_time/1 with microseconds.
-module(timer).

-export([sleep/1, tc/1, tc/2, tc/3, seconds/1, minutes/1, hours/1, hms/3,
         now_diff/2]).

%% As OTP 25: a bad time is the receive's timeout_value error.
sleep(T) ->
    receive
    after T -> ok
    end.

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
