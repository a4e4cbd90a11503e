-module(basics_sequence).
-export([main/0]).

%% Output order of side effects: arguments are evaluated before the call.
p(X) -> io:format("eval ~p~n", [X]), X.

main() ->
    _ = {p(1), p(2)},
    _ = [p(3), p(4)],
    _ = p(5) + p(6),
    io:format("~p~n", [lists:sum([p(7), p(8)])]).
