-module(sf_report).
-export([main/0]).

-record(item, {sku, name, qty = 0, price = 0.0}).

-define(RULE, io:format("~s~n", [lists:duplicate(48, $-)])).

%% A realistic report: tables with padding, totals with ~.2f, errors printed with ~p.
items() ->
    [#item{sku = 1001, name = "Widget", qty = 3, price = 2.5},
     #item{sku = 1002, name = "Gadget with a long name", qty = 12, price = 19.99},
     #item{sku = 1003, name = "Doohickey", qty = 0, price = 0.333},
     #item{sku = 1004, name = "Thingamajig", qty = 1000000, price = 0.01}].

line(#item{sku = S, name = N, qty = Q, price = P}) ->
    io:format("~6.10.0B ~-20.20s ~8w ~10.2f ~12.2f~n", [S, N, Q, P, Q * P]).

parse(Str) ->
    try list_to_integer(Str) of
        N when N >= 0 -> {ok, N};
        N -> {error, {negative, N}}
    catch
        error:badarg -> {error, {not_a_number, Str}}
    end.

main() ->
    ?RULE,
    io:format("~-6s ~-20s ~8s ~10s ~12s~n", ["SKU", "Name", "Qty", "Price", "Total"]),
    ?RULE,
    Items = items(),
    lists:foreach(fun line/1, Items),
    ?RULE,
    Total = lists:sum([I#item.qty * I#item.price || I <- Items]),
    io:format("~-36s ~22.2f~n", ["TOTAL", Total]),
    io:format("~-36s ~22.3e~n", ["TOTAL (sci)", Total]),
    io:format("~-36s ~22g~n", ["TOTAL (g)", Total]),
    io:format("~p~n", [[parse(S) || S <- ["12", "-3", "x1", "007"]]]),
    io:format("~p~n", [lists:keysort(#item.price, Items)]),
    Stats = #{count => length(Items), total => Total, max => lists:max([I#item.price || I <- Items]),
              names => [I#item.name || I <- Items]},
    io:format("stats: ~p~n", [Stats]),
    io:format("~ts~n", [io_lib:format("~w items, ~.1f%", [4, 12.345])]),
    Res = [catch_fmt(F, A) || {F, A} <- [{"~w", []}, {"~.2f", [1]}, {"~s", [[$a | b]]}]],
    io:format("~p~n", [Res]),
    io:format("~s~n", [string:join([string:pad(integer_to_list(X), 5, leading) || X <- [1, 22, 333, 4444, 55555, 666666]], "|")]),
    io:format("~p~n", [erlang:term_to_binary(ok) =:= <<131, 100, 0, 2, 111, 107>> orelse erlang:term_to_binary(ok)]),
    io:format("~p~n", [{float_to_list(Total, [{decimals, 2}]), erlang:round(Total), trunc(Total), Total}]),
    io:format("done~n").

catch_fmt(F, A) ->
    try io_lib:format(F, A) of
        R -> {ok, lists:flatten(R)}
    catch
        error:E -> {error, E}
    end.
