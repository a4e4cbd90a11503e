%% One room: its room server and the supervisor of its connections, one_for_all, so that when
%% the connections' supervisor gives up (too many crashes) the whole room restarts clean.
-module(room_sup).
-behaviour(supervisor).
-export([start_link/1, init/1, connect/2]).

start_link(Name) ->
    supervisor:start_link(?MODULE, {room, Name}).

%% A device of User connects to room Name: a new conn child of the room's connection supervisor.
connect(Name, User) ->
    supervisor:start_child(room:conns_sup(Name), [User]).

init({room, Name}) ->
    Room = #{id => room, start => {room, start_link, [Name, self()]}},
    Conns = #{id => conns, start => {supervisor, start_link, [?MODULE, {conns, Name}]},
              type => supervisor},
    {ok, {#{strategy => one_for_all, intensity => 2, period => 10}, [Room, Conns]}};
init({conns, Name}) ->
    {ok, Max} = application:get_env(chat, max_conn_restarts),
    Conn = #{id => conn, start => {conn, start_link, [Name]}, restart => transient},
    {ok, {#{strategy => simple_one_for_one, intensity => Max, period => 10}, [Conn]}}.
