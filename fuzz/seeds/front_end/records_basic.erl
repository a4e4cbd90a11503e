-module(records_basic).
-export([main/0]).

-record(person, {name, age = 0, email = "none" :: string()}).
-record(point, {x = 0.0 :: float(), y = 0.0 :: float()}).
-record(empty, {}).

main() ->
    P = #person{name = "Ann", age = 31},
    io:format("~p~n", [P]),
    io:format("~p ~p ~p~n", [P#person.name, P#person.age, P#person.email]),
    P2 = P#person{age = 32, email = "ann@example.com"},
    io:format("~p~n", [P2]),
    #person{name = N} = P2,
    io:format("~p~n", [N]),
    io:format("~p~n", [#point{}]),
    io:format("~p~n", [#empty{}]),
    io:format("~p~n", [[record_info(fields, person), record_info(size, person)]]),
    io:format("~p~n", [#person.age]),
    io:format("~p~n", [[is_record(P, person), is_record(P, point), is_record(P, person, 4)]]),
    io:format("~p~n", [[older(P), older(#person{name = "Kid", age = 5})]]),
    io:format("~p~n", [#person{_ = undefined_all}]).

older(#person{age = A}) when A > 18 -> adult;
older(#person{}) -> child.
