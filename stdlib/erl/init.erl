%% init: the parts of OTP 25's init module a program uses: its command-line arguments
%% (get_plain_arguments/0, from the embedder: what follows `--` in `krarup run prog.erl -- ARGS`,
%% or the script and its arguments in `krarup prog.erl ARGS`, as escript), the emulator flags
%% get_argument/1 and get_arguments/0 report, and stopping the system (stop/0,1).
-module(init).

-export([get_plain_arguments/0, get_arguments/0, get_argument/1, stop/0, stop/1]).

%% The program's arguments, as a list of strings (as `erl -extra`'s).
get_plain_arguments() -> krarup_file:plain_arguments().

%% The flags erl would report: krarup has none of erl's, so only `progname` and `home`
%% (from $HOME), as [{Flag, [Value]}].
get_arguments() ->
    Home = case os:getenv("HOME") of
               false -> [];
               Dir -> [{home, [Dir]}]
           end,
    [{progname, ["krarup"]} | Home].

%% {ok, [[Value]]} for a flag get_arguments/0 lists, else error.
get_argument(Flag) when is_atom(Flag) ->
    case lists:keyfind(Flag, 1, get_arguments()) of
        {Flag, Values} -> {ok, [Values]};
        false -> error
    end;
get_argument(Flag) -> erlang:error(badarg, [Flag]).

stop() -> stop(0).

%% Stops the system with exit status Status (a string stands for a crash slogan: status 1, as
%% erlang:halt/1 with a string). As in OTP, the caller goes on: stop returns ok and the system
%% halts as soon as another process gets to run (OTP first stops its applications in order).
stop(Status) when is_integer(Status), Status >= 0; is_list(Status) ->
    spawn(fun() -> erlang:halt(Status) end),
    ok;
stop(Status) -> erlang:error(badarg, [Status]).
