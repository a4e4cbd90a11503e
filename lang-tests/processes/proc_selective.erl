-module(proc_selective).
-export([main/0]).

%% Selective receive: picking messages out of order, guards in receive clauses, patterns that use
%% already-bound variables, nested receives, and the rest of the mailbox keeping its order.

flush() ->
    receive
        M -> [M | flush()]
    after 0 -> []
    end.

main() ->
    Self = self(),
    [Self ! {msg, I} || I <- lists:seq(1, 6)],
    receive {msg, 4} -> io:format("picked 4~n") end,
    receive {msg, N} when N rem 2 =:= 1, N > 2 -> io:format("first odd > 2: ~p~n", [N]) end,
    io:format("rest in order: ~p~n", [flush()]),
    %% Message order wins over clause order: the first message that matches any clause is taken.
    Self ! b, Self ! a,
    receive
        a -> io:format("took a~n");
        b -> io:format("took b~n")
    end,
    io:format("left: ~p~n", [flush()]),
    %% A bound variable in a pattern selects only equal messages.
    Want = {key, 3},
    [Self ! {key, K} || K <- [1, 2, 3, 4]],
    receive Want -> io:format("bound pattern: ~p~n", [Want]) end,
    receive {key, K1} when K1 > 1 -> io:format("guard on bound: ~p~n", [K1]) end,
    io:format("left: ~p~n", [flush()]),
    %% Guards with type tests and boolean operators.
    Self ! {v, "str"}, Self ! {v, 3.5}, Self ! {v, atom}, Self ! {v, 7},
    receive {v, X} when is_integer(X); is_atom(X) -> io:format("int or atom: ~p~n", [X]) end,
    receive {v, Y} when is_float(Y) andalso Y > 3 -> io:format("float: ~p~n", [Y]) end,
    receive {v, Z} when not is_list(Z) -> io:format("not list: ~p~n", [Z]) end,
    io:format("left: ~p~n", [flush()]),
    %% A guard that raises is false for that message only.
    Self ! {g, foo}, Self ! {g, 5},
    receive {g, G} when G + 1 > 0 -> io:format("guard error skipped: ~p~n", [G]) end,
    io:format("left: ~p~n", [flush()]),
    %% Nested receive: the inner one sees the messages the outer one has not consumed.
    Self ! outer, Self ! inner1, Self ! inner2,
    receive
        outer ->
            receive inner2 -> io:format("nested took inner2~n") end,
            receive I1 -> io:format("then ~p~n", [I1]) end
    end,
    %% A receive whose match comes from another process while earlier messages wait.
    Self ! early1, Self ! early2,
    spawn(fun() -> Self ! {late, 42} end),
    receive {late, L} -> io:format("late: ~p~n", [L]) end,
    io:format("left: ~p~n", [flush()]),
    %% Receive returns the value of the clause body.
    Self ! {add, 2, 3},
    R = receive {add, A, B} -> A + B end,
    io:format("value: ~p~n", [R]),
    ok.
