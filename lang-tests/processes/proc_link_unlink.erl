-module(proc_link_unlink).
-export([main/0]).

%% link/1 and unlink/1: return values, links are two-way and counted once, unlink removes the
%% link on both sides so no exit signal follows, and link/unlink argument errors.

t(F) ->
    try F() of
        V -> {ok, V}
    catch
        C:R -> {C, R}
    end.

links(P) ->
    {links, L} = process_info(P, links),
    lists:sort(L).

idle() ->
    receive
        {die, R} -> exit(R);
        {link, P, From} -> From ! {linked, link(P)}, idle();
        {unlink, P, From} -> From ! {unlinked, unlink(P)}, idle()
    end.

main() ->
    process_flag(trap_exit, true),
    Self = self(),
    A = spawn(fun idle/0),
    B = spawn(fun idle/0),
    io:format("no links: ~p~n", [links(A)]),
    io:format("link: ~p~n", [link(A)]),
    io:format("link again: ~p~n", [link(A)]),
    io:format("A links to me: ~p~n", [links(A) =:= [Self]]),
    io:format("link to self: ~p~n", [link(Self)]),
    A ! {link, B, Self},
    receive {linked, LR} -> io:format("A links B: ~p~n", [LR]) end,
    io:format("B sees A: ~p~n", [links(B) =:= [A]]),
    io:format("A sees both: ~p~n", [links(A) =:= lists:sort([Self, B])]),
    io:format("unlink: ~p~n", [unlink(A)]),
    io:format("unlink again: ~p~n", [unlink(A)]),
    io:format("unlink never linked: ~p~n", [unlink(B)]),
    io:format("unlink self: ~p~n", [unlink(Self)]),
    io:format("A after unlink: ~p~n", [links(A) =:= [B]]),
    %% The other side unlinks.
    link(B),
    B ! {unlink, Self, Self},
    receive {unlinked, UR} -> io:format("B unlinks me: ~p~n", [UR]) end,
    io:format("B links now: ~p~n", [links(B) =:= [A]]),
    %% No exit signal from an unlinked process.
    C = spawn(fun idle/0),
    link(C),
    unlink(C),
    C ! {die, boom},
    receive {'EXIT', C, _} -> io:format("unexpected EXIT~n") after 50 -> io:format("no EXIT after unlink~n") end,
    %% B is linked to A; when A dies with a reason, B (not trapping) dies too.
    MB = monitor(process, B),
    A ! {die, crash},
    receive {'DOWN', MB, process, B, Why} -> io:format("B died with A: ~p~n", [Why]) end,
    %% A linked process exiting normally does not take its partner down.
    D = spawn_link(fun() -> ok end),
    receive {'EXIT', D, DR} -> io:format("normal exit seen as: ~p~n", [DR]) end,
    io:format("bad arg link: ~p~n", [t(fun() -> link(not_a_pid) end)]),
    io:format("bad arg unlink: ~p~n", [t(fun() -> unlink(42) end)]),
    ok.
