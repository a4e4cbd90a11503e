-module(ets_owner).
-export([main/0]).

%% Ownership: access rights from other processes, a table dying with its owner, heirs and
%% give_away.

p(Label, X) -> io:format("~s: ~p~n", [Label, X]).

in_other(F) ->
    Me = self(),
    Pid = spawn(fun() -> Me ! {self(), catch_reason(F)} end),
    receive {Pid, R} -> R end.

catch_reason(F) ->
    try F() of
        V -> {ok, V}
    catch
        C:R -> {C, R}
    end.

main() ->
    access(),
    death(),
    heir(),
    give_away(),
    ok.

access() ->
    [begin
         T = ets:new(t, [Access]),
         ets:insert(T, {k, 1}),
         p(atom_to_list(Access) ++ " read", in_other(fun() -> ets:lookup(T, k) end)),
         p(atom_to_list(Access) ++ " write", in_other(fun() -> ets:insert(T, {k, 2}) end)),
         p(atom_to_list(Access) ++ " info", in_other(fun() -> ets:info(T, size) end)),
         p(atom_to_list(Access) ++ " select", in_other(fun() -> ets:select(T, [{'_', [], ['$_']}]) end)),
         p(atom_to_list(Access) ++ " delete", in_other(fun() -> ets:delete(T) end)),
         p(atom_to_list(Access) ++ " owner sees", catch_reason(fun() -> ets:lookup(T, k) end))
     end || Access <- [public, protected, private]].

death() ->
    Me = self(),
    Pid = spawn(fun() ->
                        T = ets:new(dies, [public]),
                        ets:insert(T, {a, 1}),
                        ets:new(dies_named, [named_table, public]),
                        Me ! {table, T},
                        receive stop -> ok end
                end),
    T = receive {table, Tab} -> Tab end,
    p("while owner lives", ets:lookup(T, a)),
    p("named exists", ets:info(dies_named, named_table)),
    Ref = monitor(process, Pid),
    Pid ! stop,
    receive {'DOWN', Ref, process, Pid, _} -> ok end,
    p("after owner died", ets:info(T)),
    p("lookup after", catch_reason(fun() -> ets:lookup(T, a) end)),
    p("named after", ets:info(dies_named)),
    p("name free again", ets:new(dies_named, [named_table])).

heir() ->
    Me = self(),
    Pid = spawn(fun() ->
                        T = ets:new(inherited, [{heir, Me, my_gift}]),
                        ets:insert(T, {x, 42}),
                        Me ! {table, T},
                        receive stop -> ok end
                end),
    T = receive {table, Tab} -> Tab end,
    p("heir info", ets:info(T, heir) =:= self()),
    Pid ! stop,
    receive
        {'ETS-TRANSFER', T, Pid, Data} -> p("transfer", Data)
    end,
    p("new owner", ets:info(T, owner) =:= self()),
    p("contents kept", ets:lookup(T, x)),
    p("protected write by heir", ets:insert(T, {y, 1})),
    %% A named table with a heir that is already dead is deleted.
    Dead = spawn(fun() -> ok end),
    Ref = monitor(process, Dead),
    receive {'DOWN', Ref, process, Dead, _} -> ok end,
    Pid2 = spawn(fun() ->
                         ets:new(orphan, [named_table, {heir, Dead, none}]),
                         Me ! made,
                         receive stop -> ok end
                 end),
    receive made -> ok end,
    Ref2 = monitor(process, Pid2),
    Pid2 ! stop,
    receive {'DOWN', Ref2, process, Pid2, _} -> ok end,
    p("dead heir", ets:info(orphan)),
    %% setopts changes the heir.
    U = ets:new(u, [{heir, self(), a}]),
    p("setopts none", ets:setopts(U, {heir, none})),
    p("heir now", ets:info(U, heir)),
    p("setopts pid", ets:setopts(U, [{heir, self(), b}])),
    p("heir pid", ets:info(U, heir) =:= self()),
    p("setopts bad", catch_reason(fun() -> ets:setopts(U, [{heir, x}]) end)),
    p("setopts other process", in_other(fun() -> ets:setopts(U, {heir, none}) end)).

give_away() ->
    Me = self(),
    T = ets:new(gift, [named_table]),
    ets:insert(T, {k, v}),
    Pid = spawn(fun() ->
                        receive
                            {'ETS-TRANSFER', Tab, From, Data} ->
                                Me ! {got, Tab, From =:= Me, Data, ets:info(Tab, owner) =:= self(),
                                      ets:lookup(Tab, k)}
                        end,
                        receive stop -> ok end
                end),
    p("give_away", ets:give_away(T, Pid, hello)),
    receive {got, Tab, FromMe, Data, Owner, Objs} -> p("received", {Tab, FromMe, Data, Owner, Objs}) end,
    p("old owner write", catch_reason(fun() -> ets:insert(T, {k, 2}) end)),
    p("give away again", catch_reason(fun() -> ets:give_away(T, self(), x) end)),
    U = ets:new(mine, []),
    p("to self", catch_reason(fun() -> ets:give_away(U, self(), x) end)),
    p("to non-pid", catch_reason(fun() -> ets:give_away(U, foo, x) end)),
    Dead = spawn(fun() -> ok end),
    Ref = monitor(process, Dead),
    receive {'DOWN', Ref, process, Dead, _} -> ok end,
    p("to dead", catch_reason(fun() -> ets:give_away(U, Dead, x) end)),
    p("still mine", ets:info(U, owner) =:= self()),
    Pid ! stop.
