%% The c commands whose results do not depend on the VM: pid/3, memory/1's shape, m/1 of a
%% module that does not exist, regs/0's and i/0's return values, and what lc/1 and nc/1 return.
-module(c_misc).
-export([main/0]).

class_reason(F) ->
    try F() catch C:R -> {C, R} end.

main() ->
    io:format("~p~n", [c:pid(0, 7, 0) =:= list_to_pid("<0.7.0>")]),
    io:format("~p~n", [shell_default:pid(0, 12, 0)]),
    io:format("~p~n", [class_reason(fun() -> c:pid(a, 1, 2) end)]),
    io:format("~p~n", [is_integer(c:memory(total))]),
    io:format("~p~n", [[K || {K, V} <- c:memory([total, processes, ets]), is_integer(V)]]),
    io:format("~p~n", [[K || {K, _} <- shell_default:memory()]]),
    io:format("~p~n", [class_reason(fun() -> c:memory(no_such_type) end)]),
    Dead = spawn(fun() -> ok end),
    Ref = erlang:monitor(process, Dead),
    receive {'DOWN', Ref, process, Dead, _} -> ok end,
    [X, Y, Z] = [list_to_integer(T) || T <- string:tokens(pid_to_list(Dead), "<.>")],
    io:format("~p~n", [c:i(X, Y, Z)]),
    io:format("~p~n", [c:bt(Dead)]),
    {'EXIT', {undef, [{no_such_module, module_info, [], _} | _]}} = (catch c:m(no_such_module)),
    io:format("m/1 of a missing module: undef~n"),
    io:format("~p~n", [c:mm()]).
