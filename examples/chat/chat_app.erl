%% The chat application: its top supervisor is chat_sup.
-module(chat_app).
-behaviour(application).
-export([start/2, stop/1]).

start(normal, []) ->
    chat_sup:start_link().

stop(_State) ->
    ok.
