%% The top supervisor: it supervises rooms_sup, the supervisor of every room.
-module(chat_sup).
-behaviour(supervisor).
-export([start_link/0, init/1, start_room/1]).

start_link() ->
    supervisor:start_link({local, chat_sup}, ?MODULE, top).

%% A new room: a room_sup child of rooms_sup.
start_room(Name) ->
    supervisor:start_child(rooms_sup, [Name]).

init(top) ->
    Rooms = #{id => rooms_sup,
              start => {supervisor, start_link, [{local, rooms_sup}, ?MODULE, rooms]},
              type => supervisor},
    {ok, {#{strategy => one_for_one, intensity => 5, period => 10}, [Rooms]}};
init(rooms) ->
    Room = #{id => room_sup, start => {room_sup, start_link, []}, type => supervisor},
    {ok, {#{strategy => simple_one_for_one, intensity => 5, period => 10}, [Room]}}.
