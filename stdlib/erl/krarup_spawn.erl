%% krarup_spawn: where a process spawned with spawn(M, F, Args) starts when M:F/N is not
%% Erlang code that is loaded (a builtin, or undefined): the call happens in the new process,
%% so an undefined function raises `undef` there, as on BEAM.
-module(krarup_spawn).
-export([apply/3]).

apply(M, F, Args) ->
    erlang:apply(M, F, Args).
