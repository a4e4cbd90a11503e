-module(proc_big_messages).
-export([main/0]).

%% Terms of every kind survive being copied into another process's heap: long and deep lists,
%% maps (small and large), tuples, binaries above and below 64 bytes, sub-binaries, bignums,
%% floats, funs with captured variables, and pids/refs inside messages.

echo() ->
    receive
        {From, T} -> From ! {back, T}, echo();
        stop -> ok
    end.

roundtrip(E, T) ->
    E ! {self(), T},
    receive {back, T2} -> T2 end.

main() ->
    E = spawn(fun echo/0),
    List = lists:seq(1, 100000),
    L2 = roundtrip(E, List),
    io:format("long list: ~p ~p~n", [L2 =:= List, lists:sum(L2)]),
    Deep = lists:foldl(fun(I, Acc) -> [I, Acc] end, [], lists:seq(1, 10000)),
    io:format("deep list: ~p~n", [roundtrip(E, Deep) =:= Deep]),
    Small = #{a => 1, b => [2, 3], c => {4, <<"five">>}},
    io:format("small map: ~p~n", [roundtrip(E, Small)]),
    Big = maps:from_list([{I, integer_to_list(I)} || I <- lists:seq(1, 1000)]),
    B2 = roundtrip(E, Big),
    io:format("large map: ~p ~p ~p~n", [B2 =:= Big, map_size(B2), maps:get(777, B2)]),
    Tup = list_to_tuple(lists:seq(1, 500)),
    io:format("big tuple: ~p ~p~n", [roundtrip(E, Tup) =:= Tup, element(500, roundtrip(E, Tup))]),
    io:format("nested: ~p~n", [roundtrip(E, {a, [b, {c, #{d => [e]}}], "str", 1.5, -7})]),
    SmallBin = <<"short binary">>,
    io:format("small binary: ~p~n", [roundtrip(E, SmallBin)]),
    LargeBin = list_to_binary([I rem 256 || I <- lists:seq(1, 100000)]),
    LB2 = roundtrip(E, LargeBin),
    io:format("large binary: ~p ~p ~p~n", [LB2 =:= LargeBin, byte_size(LB2), binary:at(LB2, 99999)]),
    <<_:1000/binary, Sub:200/binary, _/binary>> = LargeBin,
    io:format("sub-binary: ~p ~p~n", [roundtrip(E, Sub) =:= Sub, binary:first(roundtrip(E, Sub))]),
    Bits = <<1:3, 255:8>>,
    io:format("bitstring: ~p~n", [roundtrip(E, Bits)]),
    Bin100 = binary:copy(<<"x">>, 100),
    io:format("binaries in list: ~p~n", [length(roundtrip(E, [Bin100, Bin100, SmallBin]))]),
    Bignum = 1 bsl 300 + 12345,
    io:format("bignum: ~p~n", [roundtrip(E, Bignum) - (1 bsl 300)]),
    io:format("floats: ~p~n", [roundtrip(E, [0.1, -2.5e300, 1.0e-300])]),
    io:format("atoms, empty: ~p~n", [roundtrip(E, {[], {}, <<>>, #{}, ok, ''})]),
    K = 7,
    Fun = fun(X) -> X * K end,
    F2 = roundtrip(E, Fun),
    io:format("fun with env: ~p~n", [F2(6)]),
    Adder = fun(A) -> fun(B) -> A + B + K end end,
    A2 = roundtrip(E, Adder),
    io:format("nested fun: ~p~n", [(A2(1))(2)]),
    Inner = Adder(100),
    io:format("closure in tuple: ~p~n", [(element(2, roundtrip(E, {f, Inner})))(1)]),
    Ext = fun lists:reverse/1,
    io:format("external fun: ~p~n", [(roundtrip(E, Ext))([1, 2, 3])]),
    Ref = make_ref(),
    Self = self(),
    {R2, P2} = roundtrip(E, {Ref, Self}),
    io:format("ref and pid: ~p ~p~n", [R2 =:= Ref, P2 =:= Self]),
    Shared = lists:seq(1, 1000),
    Dag = {Shared, Shared, [Shared, Shared]},
    io:format("shared subterms: ~p~n", [roundtrip(E, Dag) =:= Dag]),
    %% Run the fun in the other process: its environment was copied too.
    Runner = spawn(fun() -> receive {run, F, From} -> From ! {ran, F(5)} end end),
    Runner ! {run, Fun, Self},
    receive {ran, V} -> io:format("fun run remotely: ~p~n", [V]) end,
    E ! stop,
    ok.
