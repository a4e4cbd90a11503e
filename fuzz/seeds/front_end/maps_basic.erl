-module(maps_basic).
-export([main/0]).

main() ->
    M = #{a => 1, b => 2},
    io:format("~p~n", [M]),
    M2 = M#{c => 3},
    M3 = M2#{a := 100},
    io:format("~p ~p~n", [M2, M3]),
    #{b := B} = M3,
    io:format("~p~n", [B]),
    io:format("~p~n", [[map_size(M3), is_map(M3), is_map([])]]),
    io:format("~p~n", [#{}]),
    io:format("~p~n", [#{1 => one, 1.0 => float_one, "s" => str, {t} => tuple, [l] => list}]),
    io:format("~p~n", [#{z => 1, a => 2, 10 => x, 2 => y}]),
    Key = k,
    io:format("~p~n", [#{Key => value}]),
    case M3 of
        #{c := 3, a := A} -> io:format("matched ~p~n", [A]);
        _ -> io:format("no~n")
    end,
    io:format("~p~n", [#{#{nested => map} => [#{}]}]).
