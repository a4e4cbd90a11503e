%% os: the environment functions of OTP 25's os module (getenv/0,1,2), asking the embedder
%% through krarup_file natives. os:type/0, getpid/0, timestamp/0 and system_time/0,1 are natives.
-module(os).

-export([getenv/0, getenv/1, getenv/2]).

%% ["NAME=VALUE", ...].
getenv() -> krarup_file:environment().

%% The value of VarName, or false.
getenv(VarName) when is_list(VarName) -> krarup_file:getenv(VarName);
getenv(VarName) when is_atom(VarName) -> getenv(atom_to_list(VarName));
getenv(VarName) -> erlang:error(badarg, [VarName]).

getenv(VarName, Default) ->
    case getenv(VarName) of
        false -> Default;
        Value -> Value
    end.
