-module(ets_errors).
-export([main/0]).

%% badarg from ets calls, with the error info OTP 25 attaches (the stack entry's arguments are
%% left out: table references differ from run to run).

p(Label, F) ->
    R = try F() of
            V -> {ok, V}
        catch
            error:Reason:St ->
                [{M, Fn, Args, Info} | _] = St,
                {error, Reason, {M, Fn, length(Args)}, proplists:get_value(error_info, Info)}
        end,
    io:format("~s: ~p~n", [Label, R]).

main() ->
    S = ets:new(s, [set, public]),
    ets:insert(S, {k, 1, a}),
    B = ets:new(b, [bag]),
    P = ets:new(priv, [private]),
    Me = self(),
    p("lookup no table", fun() -> ets:lookup(nosuch, 1) end),
    p("lookup not a table", fun() -> ets:lookup(1, 1) end),
    p("insert empty tuple", fun() -> ets:insert(S, {}) end),
    p("insert improper", fun() -> ets:insert(S, [{a} | b]) end),
    p("insert not tuple", fun() -> ets:insert(S, [{a}, 3]) end),
    p("insert_new bad", fun() -> ets:insert_new(S, 7) end),
    p("new bad option", fun() -> ets:new(x, [bogus]) end),
    p("new bad name", fun() -> ets:new("x", []) end),
    p("new taken name", fun() -> ets:new(taken, [named_table]), ets:new(taken, [named_table]) end),
    p("update_counter bag", fun() -> ets:update_counter(B, k, 1) end),
    p("update_counter missing", fun() -> ets:update_counter(S, nokey, 1) end),
    p("update_counter keypos", fun() -> ets:update_counter(S, k, {1, 1}) end),
    p("update_counter position", fun() -> ets:update_counter(S, k, {7, 1}) end),
    p("update_counter not integer", fun() -> ets:update_counter(S, k, {3, 1}) end),
    p("update_counter bad op", fun() -> ets:update_counter(S, k, {2, a}) end),
    p("update_element keypos", fun() -> ets:update_element(S, k, {1, x}) end),
    p("update_element range", fun() -> ets:update_element(S, k, {8, x}) end),
    p("update_element bag", fun() -> ets:update_element(B, k, {2, x}) end),
    p("select_replace bag", fun() -> ets:select_replace(B, [{{k, '$1'}, [], [{{k, x}}]}]) end),
    p("lookup_element missing", fun() -> ets:lookup_element(S, nokey, 2) end),
    p("lookup_element range", fun() -> ets:lookup_element(S, k, 9) end),
    p("lookup_element zero", fun() -> ets:lookup_element(S, k, 0) end),
    p("next missing key", fun() -> ets:next(S, nokey) end),
    p("info bad item", fun() -> ets:info(S, bogus) end),
    p("info not a table", fun() -> ets:info(1) end),
    p("info missing", fun() -> ets:info(nosuch) end),
    p("select bad spec", fun() -> ets:select(S, [bad]) end),
    p("select bad limit", fun() -> ets:select(S, [{'_', [], ['$_']}], 0) end),
    p("select bad continuation", fun() -> ets:select(bad) end),
    p("match_object bad table", fun() -> ets:match_object(nosuch, '_') end),
    p("safe_fixtable bad", fun() -> ets:safe_fixtable(S, maybe) end),
    p("whereis bad", fun() -> ets:whereis("s") end),
    p("delete_object bad", fun() -> ets:delete_object(S, x) end),
    p("give_away to self", fun() -> ets:give_away(P, Me, x) end),
    p("give_away not pid", fun() -> ets:give_away(P, x, x) end),
    p("rename to taken", fun() -> ets:new(taken2, [named_table]), ets:rename(taken2, taken) end),
    p("rename bad name", fun() -> ets:rename(taken2, "x") end),
    p("foldl no table", fun() -> ets:foldl(fun(_, A) -> A end, 0, nosuch) end),
    p("private from other", fun() ->
                                    spawn(fun() -> Me ! {r, catch ets:lookup(P, k)} end),
                                    receive {r, {'EXIT', {R, [{_, F, _, I} | _]}}} -> {R, F, I} end
                            end),
    p("after delete", fun() -> ets:delete(S), ets:insert(S, {a}) end),
    ok.
