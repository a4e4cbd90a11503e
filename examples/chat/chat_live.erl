%% The chat left running, for trying hot code loading by hand (README, "Changing code while it
%% runs"): alice and bob talk in the lobby once a second for ten minutes, and each second the
%% program prints what the room server says about itself: its history length, or, once a room
%% version with stats/1 is loaded, its stats. Run it with `krarup run --watch chat_live.erl
%% chat_app.erl chat_sup.erl room_sup.erl room.erl conn.erl` in a copy of this directory.
-module(chat_live).
-export([main/0, loop/1]).

main() ->
    {ok, _} = application:ensure_all_started(chat),
    {ok, _} = chat_sup:start_room(lobby),
    [{ok, _} = room_sup:connect(lobby, U) || U <- [alice, bob]],
    loop(1).

loop(N) when N =< 600 ->
    User = lists:nth(1 + N rem 2, [alice, bob]),
    ok = room:say(lobby, User, "message " ++ integer_to_list(N)),
    case erlang:function_exported(room, stats, 1) of
        true -> io:format("~p: lobby stats ~p~n", [N, room:stats(lobby)]);
        false -> io:format("~p: lobby history has ~p messages~n", [N, length(room:history(lobby))])
    end,
    timer:sleep(1000),
    ?MODULE:loop(N + 1);
loop(_) ->
    ok.
