%% The help texts of the shell's commands: c:help/0 and shell_default:help/0 (what `help().`
%% prints at the prompt), byte for byte, and what they return.
-module(c_help).
-export([main/0]).

main() ->
    io:format("c:help() -> ~p~n", [c:help()]),
    io:format("shell_default:help() -> ~p~n", [shell_default:help()]).
