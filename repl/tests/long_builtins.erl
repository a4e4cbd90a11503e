-module(long_builtins).
-export([main/0]).

%% A counter process ping-pongs with a partner and counts the rounds. A third process prepares
%% the argument, tells the counter `started` right before one long builtin call and `done`
%% right after it; the counter reports how many rounds it made in between. On one scheduler a
%% builtin that never yields leaves it no round at all.
main() ->
    Big = binary:copy(<<"xy">>, 4000000),
    Calls = [{binary_copy, fun() -> ok end, fun(_) -> byte_size(binary:copy(<<"ab">>, 20000000)) end},
             {list_to_binary, fun() -> lists:duplicate(3000000, [$a, <<"bc">>]) end,
              fun(L) -> byte_size(list_to_binary(L)) end},
             {iolist_to_binary, fun() -> lists:duplicate(3000000, <<"b">>) end,
              fun(L) -> byte_size(iolist_to_binary(L)) end},
             {binary_to_list, fun() -> Big end, fun(B) -> length(binary_to_list(B)) end},
             {bin_to_list, fun() -> Big end, fun(B) -> length(binary:bin_to_list(B)) end},
             {lists_reverse, fun() -> lists:seq(1, 3000000) end, fun(L) -> hd(lists:reverse(L)) end},
             {append, fun() -> lists:seq(1, 3000000) end, fun(L) -> length(L ++ [x]) end},
             {characters_to_list, fun() -> binary:copy(<<"aé"/utf8>>, 3000000) end,
              fun(B) -> length(unicode:characters_to_list(B)) end},
             {term_to_binary, fun() -> lists:seq(1, 2000000) end,
              fun(L) -> byte_size(term_to_binary(L)) end}],
    [run(Name, Prepare, Call) || {Name, Prepare, Call} <- Calls],
    ok.

run(Name, Prepare, Call) ->
    Self = self(),
    Counter = spawn(fun() -> counter(0, undefined, Self) end),
    Partner = spawn(fun partner/0),
    Counter ! {partner, Partner},
    spawn(fun() ->
                  Arg = Prepare(),
                  Counter ! started,
                  R = Call(Arg),
                  Counter ! {done, R}
          end),
    receive
        {rounds, Rounds, R} ->
            io:format("~p returned ~p; other processes ran meanwhile: ~p~n", [Name, R, Rounds > 0])
    end,
    exit(Partner, kill).

counter(N, Start, Main) ->
    receive
        {partner, P} -> P ! {ping, self()}, put(partner, P), counter(N, Start, Main);
        pong -> get(partner) ! {ping, self()}, counter(N + 1, Start, Main);
        started -> counter(N, N, Main);
        {done, R} -> Main ! {rounds, N - Start, R}
    end.

partner() ->
    receive {ping, From} -> From ! pong, partner() end.
