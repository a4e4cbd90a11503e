%% A room server: who is connected, and the history of what was said.
-module(room).
-behaviour(gen_server).
-export([start_link/2, join/3, say/3, history/1, members/1, conns_sup/1]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2]).

start_link(Name, RoomSup) ->
    gen_server:start_link({local, name(Name)}, ?MODULE, {Name, RoomSup}, []).

name(Room) -> list_to_atom("room_" ++ atom_to_list(Room)).

join(Room, User, Conn) -> gen_server:call(name(Room), {join, User, Conn}).
say(Room, User, Text) -> gen_server:call(name(Room), {say, User, Text}).
history(Room) -> gen_server:call(name(Room), history).
members(Room) -> gen_server:call(name(Room), members).

%% The room's connection supervisor (the room_sup's other child).
conns_sup(Room) -> gen_server:call(name(Room), conns_sup).

init({Name, RoomSup}) ->
    {ok, #{name => Name, sup => RoomSup, members => [], history => []}}.

handle_call({join, User, Conn}, _From, #{members := Ms} = S) ->
    erlang:monitor(process, Conn),
    {reply, ok, S#{members := lists:keystore(User, 1, Ms, {User, Conn})}};
handle_call({say, User, Text}, _From, #{members := Ms, history := H} = S) ->
    [conn:deliver(Pid, User, Text) || {U, Pid} <- Ms, U =/= User],
    {reply, ok, S#{history := [{User, Text} | H]}};
handle_call(history, _From, #{history := H} = S) ->
    {reply, lists:reverse(H), S};
handle_call(members, _From, #{members := Ms} = S) ->
    {reply, lists:sort([U || {U, _} <- Ms]), S};
handle_call(conns_sup, _From, #{sup := Sup} = S) ->
    [Conns] = [P || {conns, P, _, _} <- supervisor:which_children(Sup)],
    {reply, Conns, S}.

handle_cast(_Msg, S) ->
    {noreply, S}.

%% A connection went away: it leaves the room (a restarted one joins again).
handle_info({'DOWN', _Ref, process, Pid, _Reason}, #{members := Ms} = S) ->
    {noreply, S#{members := lists:keydelete(Pid, 2, Ms)}}.
