-module(basics_match).
-export([main/0]).

main() ->
    X = 1,
    {A, B} = {2, 3},
    [H | T] = [4, 5, 6],
    {_, [_, C | _]} = {ignored, [7, 8, 9, 10]},
    D = E = 11,
    "ab" ++ Rest = "abcdef",
    <<F:8, _/binary>> = <<12, 13>>,
    #{k := G} = #{k => 14, other => 15},
    io:format("~p ~p ~p ~p ~p ~p ~p ~p ~p ~p ~p~n", [X, A, B, H, T, C, D, E, Rest, F, G]),
    Same = same,
    {Same, Same} = {same, same},
    io:format("~p~n", [Same]).
