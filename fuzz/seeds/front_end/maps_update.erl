-module(maps_update).
-export([main/0]).

count(Words) ->
    lists:foldl(fun(W, Acc) ->
                        case Acc of
                            #{W := N} -> Acc#{W := N + 1};
                            _ -> Acc#{W => 1}
                        end
                end, #{}, Words).

main() ->
    io:format("~p~n", [count(string:tokens("the cat and the dog and the bird", " "))]),
    M = #{x => 1},
    io:format("~p~n", [try M#{y := 2} catch error:R -> {caught, R} end]),
    io:format("~p~n", [M#{x => 2, x => 3}]),
    F = fun(#{name := N, age := A}) when A >= 18 -> {adult, N};
           (#{name := N}) -> {minor, N}
        end,
    io:format("~p~n", [[F(#{name => "ann", age => 30}), F(#{name => "bob", age => 3})]]),
    io:format("~p~n", [#{a => 1} =:= #{a => 1.0}]),
    io:format("~p~n", [#{a => 1} == #{a => 1.0}]).
