-module(case_strings).
-export([main/0]).

cmd("quit") -> bye;
cmd("say " ++ Rest) -> {say, Rest};
cmd([$# | _]) -> comment;
cmd(<<"bin:", B/binary>>) -> {bin, B};
cmd(_) -> unknown.

main() ->
    io:format("~p~n", [[cmd(C) || C <- ["quit", "say hello", "#x", <<"bin:data">>, "other"]]]),
    io:format("~p~n", [fizz(lists:seq(1, 16))]).

fizz(L) ->
    [case {N rem 3, N rem 5} of
         {0, 0} -> fizzbuzz;
         {0, _} -> fizz;
         {_, 0} -> buzz;
         _ -> N
     end || N <- L].
