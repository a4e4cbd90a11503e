-module(sl_app_bank).
-export([main/0]).

-record(account, {id, owner, balance = 0, history = [], status = active}).
-record(txn, {kind, amount, ok = true}).

main() ->
    Bank0 = #{},
    Ops = [{open, 1, "alice"}, {open, 2, "bob"}, {deposit, 1, 100}, {deposit, 2, 50},
           {withdraw, 1, 30}, {withdraw, 2, 80}, {transfer, 1, 2, 40}, {freeze, 2},
           {deposit, 2, 10}, {open, 1, "again"}, {deposit, 3, 5}, {withdraw, 1, -5},
           {transfer, 1, 9, 1}, {unfreeze, 2}, {deposit, 2, 1 bsl 70}, {interest, 2, 3},
           {close, 1}, {bogus}],
    {Bank, Log} = lists:foldl(fun(Op, {B, L}) ->
                                      case apply_op(Op, B) of
                                          {ok, B2} -> {B2, [{Op, ok} | L]};
                                          {error, Why} -> {B, [{Op, {error, Why}} | L]}
                                      end
                              end, {Bank0, []}, Ops),
    lists:foreach(fun({Op, Res}) -> io:format("~w -> ~p~n", [Op, Res]) end, lists:reverse(Log)),
    lists:foreach(fun(Id) -> print_account(maps:get(Id, Bank)) end, lists:sort(maps:keys(Bank))),
    Totals = maps:fold(fun(_, #account{balance = Bal}, Acc) -> Acc + Bal end, 0, Bank),
    io:format("total ~p~n", [Totals]),
    Rich = [O || #account{owner = O, balance = Bal} <- maps:values(Bank), Bal > 1000],
    io:format("rich ~p~n", [Rich]),
    io:format("summary ~p~n", [summary(Bank)]),
    ok.

apply_op(Op, Bank) ->
    try
        {ok, step(Op, Bank)}
    catch
        throw:Reason -> {error, Reason};
        error:function_clause -> {error, unknown_op};
        error:{badkey, Id} -> {error, {no_account, Id}}
    end.

step({open, Id, Owner}, Bank) when not is_map_key(Id, Bank) ->
    Bank#{Id => #account{id = Id, owner = Owner}};
step({open, Id, _}, _) -> throw({exists, Id});
step({deposit, Id, Amt}, Bank) when Amt > 0 ->
    update(Id, Bank, fun(A) -> credit(A, Amt) end);
step({withdraw, Id, Amt}, Bank) when is_integer(Amt), Amt > 0 ->
    update(Id, Bank, fun(A) -> debit(A, Amt) end);
step({withdraw, _, Amt}, _) -> throw({bad_amount, Amt});
step({transfer, From, To, Amt}, Bank) ->
    B1 = update(From, Bank, fun(A) -> debit(A, Amt) end),
    update(To, B1, fun(A) -> credit(A, Amt) end);
step({freeze, Id}, Bank) -> update(Id, Bank, fun(A) -> A#account{status = frozen} end);
step({unfreeze, Id}, Bank) -> update(Id, Bank, fun(A) -> A#account{status = active} end);
step({interest, Id, Pct}, Bank) ->
    update(Id, Bank, fun(#account{balance = B} = A) -> credit(A, B * Pct div 100) end);
step({close, Id}, Bank) ->
    #{Id := #account{balance = B}} = Bank,
    case B of
        0 -> maps:remove(Id, Bank);
        _ -> throw({nonzero_balance, B})
    end.

update(Id, Bank, F) ->
    Acc = maps:get(Id, Bank),
    Bank#{Id := F(Acc)}.

credit(#account{status = frozen}, _) -> throw(frozen);
credit(#account{balance = B, history = H} = A, Amt) ->
    A#account{balance = B + Amt, history = [#txn{kind = credit, amount = Amt} | H]}.

debit(#account{status = frozen}, _) -> throw(frozen);
debit(#account{balance = B}, Amt) when Amt > B -> throw({insufficient, B, Amt});
debit(#account{balance = B, history = H} = A, Amt) ->
    A#account{balance = B - Amt, history = [#txn{kind = debit, amount = Amt} | H]}.

print_account(#account{id = Id, owner = O, balance = B, history = H, status = S}) ->
    io:format("account ~p ~s ~p ~p~n  history ~p~n", [Id, O, B, S, lists:reverse(H)]).

summary(Bank) ->
    [{Id, length(H), lists:sum([Amt || #txn{kind = credit, amount = Amt} <- H])}
     || {Id, #account{history = H}} <- lists:sort(maps:to_list(Bank))].
