%% Version 2 of the room server (examples/chat/room.erl), loaded into the running chat by
%% chat.erl's upgrade step (or by `krarup run --watch`, copied over room.erl): the room now counts
%% what was said, and stats/1 tells. code_change/3 adds the count to a version 1 state.
-module(room).
-behaviour(gen_server).
-vsn(2).
-export([start_link/2, join/3, say/3, history/1, members/1, conns_sup/1, stats/1]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2, code_change/3]).

start_link(Name, RoomSup) ->
    gen_server:start_link({local, name(Name)}, ?MODULE, {Name, RoomSup}, []).

name(Room) -> list_to_atom("room_" ++ atom_to_list(Room)).

join(Room, User, Conn) -> gen_server:call(name(Room), {join, User, Conn}).
say(Room, User, Text) -> gen_server:call(name(Room), {say, User, Text}).
history(Room) -> gen_server:call(name(Room), history).
members(Room) -> gen_server:call(name(Room), members).
stats(Room) -> gen_server:call(name(Room), stats).

conns_sup(Room) -> gen_server:call(name(Room), conns_sup).

init({Name, RoomSup}) ->
    {ok, #{name => Name, sup => RoomSup, members => [], history => [], said => 0}}.

handle_call({join, User, Conn}, _From, #{members := Ms} = S) ->
    erlang:monitor(process, Conn),
    {reply, ok, S#{members := lists:keystore(User, 1, Ms, {User, Conn})}};
handle_call({say, User, Text}, _From, #{members := Ms, history := H} = S) ->
    [conn:deliver(Pid, User, Text) || {U, Pid} <- Ms, U =/= User],
    {reply, ok, S#{history := [{User, Text} | H], said => said(S) + 1}};
handle_call(history, _From, #{history := H} = S) ->
    {reply, lists:reverse(H), S};
handle_call(members, _From, #{members := Ms} = S) ->
    {reply, lists:sort([U || {U, _} <- Ms]), S};
handle_call(stats, _From, #{members := Ms} = S) ->
    {reply, #{said => said(S), members => length(Ms)}, S};
handle_call(conns_sup, _From, #{sup := Sup} = S) ->
    [Conns] = [P || {conns, P, _, _} <- supervisor:which_children(Sup)],
    {reply, Conns, S}.

handle_cast(_Msg, S) ->
    {noreply, S}.

handle_info({'DOWN', _Ref, process, Pid, _Reason}, #{members := Ms} = S) ->
    {noreply, S#{members := lists:keydelete(Pid, 2, Ms)}}.

%% From version 1 (no said count): count the history kept so far.
code_change(_OldVsn, S, _Extra) ->
    {ok, S#{said => said(S)}}.

%% A version 1 state has no count yet (watch mode and c:l/1 load this version without calling
%% code_change/3): the history kept so far.
said(#{said := N}) -> N;
said(#{history := H}) -> length(H).
