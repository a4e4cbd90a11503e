-module(ss_inventory_app).
-export([main/0]).

-record(item, {sku, name, qty = 0, price = 0.0, tags = []}).

items() ->
    [#item{sku = 101, name = "widget", qty = 5, price = 2.5, tags = [metal, small]},
     #item{sku = 205, name = "gadget", qty = 0, price = 19.99, tags = [electronic]},
     #item{sku = 150, name = "doohickey", qty = 12, price = 0.75},
     #item{sku = 99, name = "gizmo", qty = 3, price = 7.0, tags = [electronic, small]},
     #item{sku = 300, name = "thingamajig", qty = 7, price = 3.25, tags = [metal]}].

main() ->
    Items = items(),
    BySku = maps:from_list([{I#item.sku, I} || I <- Items]),
    io:format("skus: ~p~n", [maps:keys(BySku)]),
    Sorted = lists:keysort(#item.price, Items),
    io:format("by price: ~p~n", [[I#item.name || I <- Sorted]]),
    {InStock, Out} = lists:partition(fun(#item{qty = Q}) -> Q > 0 end, Items),
    io:format("in stock: ~p, out: ~p~n", [length(InStock), [I#item.sku || I <- Out]]),
    Value = lists:foldl(fun(#item{qty = Q, price = P}, Acc) -> Acc + Q * P end, 0, Items),
    io:format("total value: ~p ~.2f~n", [Value, Value]),
    TagIndex = lists:foldl(
                 fun(#item{sku = S, tags = Ts}, Acc) ->
                         lists:foldl(fun(T, A) -> orddict:append(T, S, A) end, Acc, Ts)
                 end, orddict:new(), Items),
    io:format("tag index: ~p~n", [TagIndex]),
    Names = lists:map(fun(#item{name = N}) -> list_to_atom(N) end, Items),
    io:format("atoms: ~p~n", [Names]),
    io:format("longest: ~p~n", [lists:foldl(fun(N, Best) ->
                                                     case length(N) > length(Best) of
                                                         true -> N;
                                                         false -> Best
                                                     end
                                             end, "", [I#item.name || I <- Items])]),
    Restock = [{101, 10}, {205, 4}, {999, 1}],
    {Updated, Missing} = lists:foldl(
                           fun({Sku, Add}, {M, Miss}) ->
                                   case maps:find(Sku, M) of
                                       {ok, I} -> {M#{Sku := I#item{qty = I#item.qty + Add}}, Miss};
                                       error -> {M, [Sku | Miss]}
                                   end
                           end, {BySku, []}, Restock),
    io:format("missing: ~p~n", [Missing]),
    io:format("qtys: ~p~n", [[{S, Q} || #item{sku = S, qty = Q} <- maps:values(Updated)]]),
    Report = [io_lib:format("~-12s~5w~n", [N, Q]) || #item{name = N, qty = Q} <- lists:keysort(#item.name, maps:values(Updated))],
    io:format("~s", [Report]),
    io:format("report bytes: ~p~n", [iolist_size(Report)]),
    Csv = lists:join(",", [integer_to_list(S) ++ ":" ++ float_to_list(P, [{decimals, 2}])
                           || #item{sku = S, price = P} <- Items]),
    io:format("csv: ~s~n", [Csv]),
    Bin = iolist_to_binary(Csv),
    io:format("csv bin size: ~p, parts: ~p~n", [byte_size(Bin), length(binary:split(Bin, <<",">>, [global]))]),
    Parsed = [begin
                  [S, P] = string:split(Field, ":"),
                  {list_to_integer(S), list_to_float(P)}
              end || Field <- string:split(binary_to_list(Bin), ",", all)],
    io:format("parsed: ~p~n", [Parsed]),
    Q = lists:foldl(fun queue:in/2, queue:new(), [I#item.sku || I <- Sorted]),
    io:format("queue: ~p~n", [queue:to_list(Q)]),
    Dedup = lists:usort(lists:flatmap(fun(#item{tags = Ts}) -> Ts end, Items)),
    io:format("tags: ~p~n", [Dedup]),
    Props = [{debug, true}, verbose, {limit, 10}],
    io:format("limit ~p verbose ~p missing ~p~n",
              [proplists:get_value(limit, Props), proplists:get_bool(verbose, Props),
               proplists:get_value(nope, Props, none)]),
    Res = try lists:keyfind(sku, 1, notalist) catch error:R -> {error, R} end,
    io:format("bad keyfind: ~p~n", [Res]),
    io:format("record info: ~p ~p~n", [record_info(fields, item), record_info(size, item)]),
    io:format("first item: ~p~n", [hd(Items)]),
    ok.
