%% gen_event supervised handlers and swaps: add_sup_handler and the
%% {gen_event_EXIT, Handler, Reason} messages (delete, remove_handler,
%% crash, manager stop, swap), the adder's death removing its handlers with
%% terminate({stop, Reason}, S), swap_handler and swap_sup_handler
%% (terminate's result reaches the new init), a crashing handle_event
%% removing only that handler. Reports are turned off: stdout only.
-module(event_sup).
-export([main/0]).
-export([init/1, handle_event/2, handle_call/2, handle_info/2, terminate/2]).

init({{swap_to, Name}, Old}) -> {ok, {Name, Old}};
init({swap_fails, _Old}) -> {error, refused};
init(Name) when is_atom(Name) -> {ok, Name}.

handle_event(crash, one) -> error(ev_boom);
handle_event(bad_return, two) -> what;
handle_event({swap, S, New}, S) -> {swap_handler, swap_arg, S, New, {swap_to, twelve}};
handle_event(remove, removed) -> remove_handler;
handle_event(_E, S) -> {ok, S}.

handle_call(get, S) -> {ok, S, S};
handle_call(crash, _S) -> error(call_boom).

handle_info(_I, S) -> {ok, S}.

terminate(Arg, S) ->
    tester ! {terminate, S, strip(Arg)},
    {old_state, S}.

strip({R, [{M, F, A, L} | _]}) when is_atom(M), is_atom(F), is_integer(A) orelse is_list(A), is_list(L) ->
    {R, stack};
strip(T) when is_tuple(T) -> list_to_tuple(strip(tuple_to_list(T)));
strip([H | T]) -> [strip(H) | strip(T)];
strip(P) when is_pid(P) -> pid;
strip(R) -> R.

drain() ->
    receive
        {terminate, S, Arg} -> io:format("  terminate(~p, ~p)~n", [Arg, S]), drain();
        {gen_event_EXIT, H, R} -> io:format("  gen_event_EXIT ~p ~p~n", [H, strip(R)]), drain()
    after 100 -> ok
    end.

main() ->
    logger:set_primary_config(level, none),
    register(tester, self()),
    {ok, M} = gen_event:start(),
    ok = gen_event:add_sup_handler(M, {?MODULE, one}, one),
    ok = gen_event:add_sup_handler(M, {?MODULE, two}, two),
    ok = gen_event:add_handler(M, {?MODULE, three}, three),
    ok = gen_event:add_sup_handler(M, {?MODULE, four}, four),
    io:format("which: ~p~n", [gen_event:which_handlers(M)]),
    io:format("delete four: ~p~n", [gen_event:delete_handler(M, {?MODULE, four}, go)]),
    drain(),
    io:format("crash one:~n"),
    gen_event:notify(M, crash),
    drain(),
    io:format("which: ~p~n", [gen_event:which_handlers(M)]),
    io:format("bad return from two:~n"),
    gen_event:sync_notify(M, bad_return),
    drain(),
    io:format("which: ~p~n", [gen_event:which_handlers(M)]),
    ok = gen_event:add_sup_handler(M, {?MODULE, five}, five),
    io:format("call crash: ~p~n", [strip(gen_event:call(M, {?MODULE, five}, crash))]),
    drain(),
    %% swap_handler: terminate(Args1, S) result goes to the new init
    io:format("swap: ~p~n", [gen_event:swap_handler(M, {{?MODULE, three}, swap1},
                                                      {{?MODULE, six}, {swap_to, six}})]),
    drain(),
    io:format("which: ~p~n", [gen_event:which_handlers(M)]),
    io:format("call six: ~p~n", [gen_event:call(M, {?MODULE, six}, get)]),
    io:format("swap missing: ~p~n", [gen_event:swap_handler(M, {{?MODULE, nine}, x},
                                                              {{?MODULE, seven}, {swap_to, seven}})]),
    io:format("call seven: ~p~n", [gen_event:call(M, {?MODULE, seven}, get)]),
    io:format("swap to failing init: ~p~n", [gen_event:swap_handler(M, {{?MODULE, seven}, x},
                                                                      {{?MODULE, eight}, swap_fails})]),
    drain(),
    io:format("which: ~p~n", [gen_event:which_handlers(M)]),
    %% swap_sup_handler: the new handler is supervised by the caller
    io:format("swap_sup: ~p~n", [gen_event:swap_sup_handler(M, {{?MODULE, six}, swap2},
                                                              {{?MODULE, ten}, {swap_to, ten}})]),
    drain(),
    %% a handler swapping itself from handle_event
    ok = gen_event:add_sup_handler(M, {?MODULE, eleven}, eleven),
    gen_event:sync_notify(M, {swap, eleven, {?MODULE, twelve}}),
    drain(),
    io:format("which: ~p~n", [gen_event:which_handlers(M)]),
    io:format("call twelve: ~p~n", [gen_event:call(M, {?MODULE, twelve}, get)]),
    %% remove_handler on a supervised handler
    ok = gen_event:add_sup_handler(M, {?MODULE, removed}, removed),
    gen_event:sync_notify(M, remove),
    drain(),
    io:format("which: ~p~n", [gen_event:which_handlers(M)]),
    %% an adder that dies takes its handlers with it
    Self = self(),
    Adder = spawn(fun() ->
                          ok = gen_event:add_sup_handler(M, {?MODULE, adder}, adder),
                          Self ! added,
                          receive go -> exit(adder_gone) end
                  end),
    receive added -> ok end,
    io:format("which: ~p~n", [gen_event:which_handlers(M)]),
    Adder ! go,
    drain(),
    io:format("which: ~p~n", [gen_event:which_handlers(M)]),
    io:format("stop:~n"),
    ok = gen_event:stop(M),
    drain(),
    ok.
