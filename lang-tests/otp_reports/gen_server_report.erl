%% gen_server's "Generic server ... terminating" ERROR REPORT and the CRASH REPORT after it: a
%% crash in a call (with the client's stacktrace), in a cast and in handle_info, a stop with a
%% custom reason, bad return values, init failures, a parent's odd exit and stop/3.
-module(gen_server_report).
-behaviour(gen_server).
-export([main/0, init/1, handle_call/3, handle_cast/2, handle_info/2, terminate/2]).

init(stop) -> {stop, my_reason};
init(crash) -> error(init_crash);
init(junk) -> what;
init(trap) -> process_flag(trap_exit, true), {ok, trapping};
init(S) -> {ok, S}.

handle_call(crash, _From, S) -> {ok, _} = string:to_integer(S);
handle_call(stop, _From, S) -> {stop, shutdown_by_call, S};
handle_call(junk, _From, _S) -> bogus.

handle_cast(crash, _S) -> exit(cast_exit);
handle_cast(stop_shutdown, S) -> {stop, {shutdown, fine}, S}.

handle_info(crash, _S) -> throw(oops).

terminate(_Reason, _S) -> ok.

wait() -> timer:sleep(50).

start(Arg) ->
    {ok, P} = gen_server:start(?MODULE, Arg, []),
    P.

main() ->
    catch gen_server:call(start("x"), crash),
    wait(),
    catch gen_server:call(start(state), stop),
    wait(),
    catch gen_server:call(start(state), junk),
    wait(),
    gen_server:cast(start(state), crash),
    wait(),
    gen_server:cast(start(state), stop_shutdown),
    wait(),
    start(state) ! crash,
    wait(),
    gen_server:start(?MODULE, stop, []),
    wait(),
    gen_server:start(?MODULE, crash, []),
    wait(),
    gen_server:start(?MODULE, junk, []),
    wait(),
    gen_server:stop(start(state), my_stop, 1000),
    wait(),
    Self = self(),
    Parent = spawn(fun() ->
                           {ok, S} = gen_server:start_link({local, trapper}, ?MODULE, trap, []),
                           Self ! {started, S},
                           receive after infinity -> ok end
                   end),
    receive {started, _} -> ok end,
    exit(Parent, weird),
    wait(),
    ok.
