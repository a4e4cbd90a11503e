-module(myapp).
-export([start/2, stop/1, loop/0, ask/0]).

start(normal, [fail]) -> {error, nope};
start(normal, Args) ->
    io:format("start ~p ~p ~p~n", [Args, application:get_application(), application:get_env(k)]),
    Pid = spawn_link(?MODULE, loop, []),
    register(myapp_top, Pid),
    {ok, Pid, state1}.

stop(S) -> io:format("stop ~p~n", [S]), ok.

loop() ->
    receive
        {From, app} -> From ! {app, application:get_application(), application:get_env(k)}, loop()
    end.

ask() ->
    myapp_top ! {self(), app},
    receive {app, _, _} = R -> R end.
