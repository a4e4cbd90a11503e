%% gen_server's reports with a registered name, a missing handle_info (WARNING) and a missing
%% handle_cast, a crash in terminate/2, logged debug events, and format_status/1 shaping the
%% state and reason shown in the ERROR REPORT.
-module(gen_server_report_status).
-behaviour(gen_server).
-export([main/0, init/1, handle_call/3, terminate/2, format_status/1]).

init(S) -> {ok, S}.

handle_call(crash, _From, S) -> exit({crashed, S});
handle_call(get, _From, S) -> {reply, S, S}.

terminate(_Reason, bad_terminate) -> error(terminate_failed);
terminate(_Reason, _S) -> ok.

format_status(Status = #{state := {secret, _}}) ->
    Status#{state := hidden, reason := reason_hidden};
format_status(Status) -> Status.

wait() -> timer:sleep(50).

main() ->
    {ok, _} = gen_server:start({local, srv}, ?MODULE, plain, []),
    srv ! unexpected,
    wait(),
    gen_server:cast(srv, no_handle_cast),
    wait(),
    {ok, P} = gen_server:start(?MODULE, bad_terminate, []),
    catch gen_server:call(P, crash),
    wait(),
    {ok, P2} = gen_server:start(?MODULE, {secret, 42}, []),
    catch gen_server:call(P2, crash),
    wait(),
    {ok, P3} = gen_server:start(?MODULE, logged, [{debug, [log]}]),
    gen_server:call(P3, get),
    P3 ! info_msg,
    wait(),
    ok.
