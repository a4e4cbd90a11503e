%% One connected device: the user's inbox. A crash loses the inbox; the connection's supervisor
%% restarts it, and it joins its room again with an empty inbox.
-module(conn).
-behaviour(gen_server).
-export([start_link/2, deliver/3, inbox/1, crash/1, whereis/1]).
-export([init/1, handle_call/3, handle_cast/2]).

start_link(Room, User) ->
    gen_server:start_link({local, name(User)}, ?MODULE, {Room, User}, []).

name(User) -> list_to_atom("conn_" ++ atom_to_list(User)).

whereis(User) -> erlang:whereis(name(User)).
deliver(Pid, From, Text) -> gen_server:cast(Pid, {deliver, From, Text}).
inbox(User) -> gen_server:call(name(User), inbox).
crash(User) -> gen_server:cast(name(User), crash).

init({Room, User}) ->
    ok = room:join(Room, User, self()),
    {ok, #{user => User, inbox => []}}.

handle_call(inbox, _From, #{inbox := I} = S) ->
    {reply, lists:reverse(I), S}.

handle_cast({deliver, From, Text}, #{inbox := I} = S) ->
    {noreply, S#{inbox := [{From, Text} | I]}};
handle_cast(crash, #{user := User}) ->
    error({device_failed, User}).
