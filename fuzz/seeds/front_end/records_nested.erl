-module(records_nested).
-export([main/0]).

-record(addr, {street, city}).
-record(emp, {name, addr = #addr{}, tags = []}).

main() ->
    E = #emp{name = bob, addr = #addr{street = "Main", city = "Springfield"}},
    io:format("~p~n", [E]),
    io:format("~p~n", [E#emp.addr#addr.city]),
    E2 = E#emp{addr = (E#emp.addr)#addr{city = "Shelbyville"}},
    io:format("~p~n", [E2]),
    L = [#emp{name = N, tags = [N]} || N <- [a, b, c]],
    io:format("~p~n", [[X#emp.name || X <- L]]),
    io:format("~p~n", [lists:keyfind(b, #emp.name, L)]),
    io:format("~p~n", [element(1, E)]).
