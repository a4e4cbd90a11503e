%% gen_event's "** gen_event handler ... crashed." ERROR REPORT: a crash in
%% handle_event, a bad return, a crash in handle_call and in handle_info, in
%% a named and an anonymous manager; removals that log nothing.
-module(event_report).
-behaviour(gen_event).
-export([main/0, init/1, handle_event/2, handle_call/2, handle_info/2, terminate/2]).

init(S) -> {ok, S}.

handle_event(crash, one) -> error(ev_boom);
handle_event(junk, two) -> what;
handle_event(remove, three) -> remove_handler;
handle_event(_E, S) -> {ok, S}.

handle_call(crash, S) -> {ok, _} = {error, S}.

handle_info(crash, four) -> exit(info_exit);
handle_info(_I, S) -> {ok, S}.

terminate(_Arg, _S) -> ok.

wait() -> timer:sleep(50).

main() ->
    {ok, _} = gen_event:start({local, em}),
    [ok = gen_event:add_handler(em, {?MODULE, N}, N) || N <- [one, two, three, four, five]],
    gen_event:notify(em, crash),
    wait(),
    gen_event:sync_notify(em, junk),
    wait(),
    gen_event:sync_notify(em, remove),
    wait(),
    em ! crash,
    wait(),
    {error, _} = gen_event:call(em, {?MODULE, five}, crash),
    wait(),
    ok = gen_event:stop(em),
    {ok, M} = gen_event:start(),
    ok = gen_event:add_handler(M, ?MODULE, one),
    gen_event:sync_notify(M, crash),
    wait(),
    ok = gen_event:stop(M),
    ok.
