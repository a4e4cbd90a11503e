%% Test shim only (NOT part of the stdlib): under real erl, stands in for
%% the krarup native krarup_maps:iteration_list/1 (pairs in OTP's
%% maps:iterator/maps:next order, which is also ~p/~w print order).
-module(krarup_maps).
-export([iteration_list/1]).
iteration_list(Map) -> walk(maps:next(maps:iterator(Map))).
walk(none) -> [];
walk({K, V, I}) -> [{K, V} | walk(maps:next(I))].
