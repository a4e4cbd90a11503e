%% c:flush/0 and shell_default:flush/0: every queued message as "Shell got Msg" (~p layout,
%% long terms broken over lines), in arrival order, and ok; nothing for an empty mailbox.
-module(c_flush).
-export([main/0]).

main() ->
    io:format("empty: ~p~n", [c:flush()]),
    self() ! hello,
    self() ! {a, [1, 2, 3], <<"bin">>, "str", 1.5},
    self() ! #{k => v},
    self() ! lists:seq(1, 40),
    self() ! {nested, [{deep, lists:seq(1, 10), "a fairly long string to break the line"}]},
    io:format("~p~n", [c:flush()]),
    io:format("again: ~p~n", [c:flush()]),
    Pid = spawn(fun() -> receive {From, go} -> From ! {done, 42} end end),
    Pid ! {self(), go},
    receive after 50 -> ok end,
    io:format("~p~n", [shell_default:flush()]).
