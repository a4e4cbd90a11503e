-module(try_after).
-export([main/0]).

with_after(F) ->
    try
        F()
    after
        io:format("after runs~n")
    end.

main() ->
    io:format("~p~n", [with_after(fun() -> normal end)]),
    R = try with_after(fun() -> throw(t) end) catch throw:T -> {caught, T} end,
    io:format("~p~n", [R]),
    R2 = try
             try error(inner)
             after io:format("inner after~n")
             end
         catch
             error:E -> {outer_caught, E}
         after
             io:format("outer after~n")
         end,
    io:format("~p~n", [R2]),
    R3 = try 1 of
             1 -> one
         catch
             _:_ -> caught
         after
             io:format("after with of~n")
         end,
    io:format("~p~n", [R3]).
