%% hibernate_after for gen_statem and gen_event: an idle server hibernates
%% (process_info shows erlang:hibernate/3), wakes up for a call with its
%% state intact, and hibernates again.
-module(statem_hibernate).
-export([main/0, init/1, callback_mode/0, handle_event/4]).

init(_) -> {ok, a, 0}.

callback_mode() -> handle_event_function.

handle_event({call, F}, get, S, D) -> {keep_state, D + 1, [{reply, F, {S, D}}]}.

main() ->
    {ok, P} = gen_statem:start(?MODULE, [], [{hibernate_after, 30}]),
    timer:sleep(150),
    io:format("~p~n", [process_info(P, current_function)]),
    io:format("~p~n", [gen_statem:call(P, get)]),
    io:format("~p~n", [gen_statem:call(P, get)]),
    timer:sleep(150),
    io:format("~p~n", [process_info(P, current_function)]),
    io:format("~p~n", [gen_statem:call(P, get)]),
    gen_statem:stop(P),
    {ok, M} = gen_event:start([{hibernate_after, 30}]),
    timer:sleep(150),
    io:format("~p~n", [process_info(M, current_function)]),
    io:format("~p~n", [gen_event:which_handlers(M)]),
    gen_event:stop(M),
    ok.
