%% eunit: EUnit's entry point (OTP 25's eunit:test/1,2). Runs a test set (see eunit_data for
%% the forms it takes) in test processes (eunit_proc), puts their reports in order
%% (eunit_serial) and prints EUnit's text report (eunit_tty); returns ok when every test
%% passed, error otherwise. Options: verbose, no_tty, print_depth, exact_execution. There is
%% no eunit server: each call runs on its own, and the watch_* and submit functions are absent.
-module(eunit).

-export([test/1, test/2]).

%% test(Tests) -> ok | error: test(Tests, []).
test(Tests) -> test(Tests, []).

%% test(Tests, Options) -> ok | error.
test(Tests, Options) when is_list(Options) ->
    Ref = make_ref(),
    Listener = eunit_tty:start(Options),
    Serial = eunit_serial:start([Listener]),
    Listener ! {start, Ref},
    Top = eunit_proc:start(Tests, inorder, Serial, Ref, Options),
    receive {done, Ref, Top} -> ok end,
    Monitor = erlang:monitor(process, Listener),
    Listener ! {stop, Ref, self()},
    receive
        {result, Ref, Result} ->
            erlang:demonitor(Monitor, [flush]),
            Result;
        {'DOWN', Monitor, process, Listener, _} ->
            error
    end.
