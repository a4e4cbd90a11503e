-module(proc_ring).
-export([main/0]).

%% A ring of N processes passes a counter around M times.
node_loop(Next) ->
    receive
        {token, 0, Origin} -> Origin ! done;
        {token, K, Origin} -> Next ! {token, K - 1, Origin}, node_loop(Next)
    end.

make_ring(0, Next) -> Next;
make_ring(N, Next) -> make_ring(N - 1, spawn(fun() -> node_loop(Next) end)).

main() ->
    Self = self(),
    Last = spawn(fun() -> receive {set, N} -> node_loop(N) end end),
    First = make_ring(99, Last),
    Last ! {set, First},
    First ! {token, 10000, Self},
    receive done -> io:format("ring done~n") end.
