-module(sl_control).
-export([main/0]).

main() ->
    io:format("~p~n", [[grade(S) || S <- [95, 85, 75, 65, 10, 100, 0]]]),
    io:format("~p~n", [[kind(T) || T <- [{ok, 1}, {error, "x"}, {ok, a, b}, [], [1], "str", 3, 3.0, <<>>]]]),
    V = begin
            A = 3,
            B = 4,
            A * A + B * B
        end,
    io:format("begin ~p~n", [V]),
    io:format("nested case ~p~n", [[nested(X, Y) || X <- [0, 1, 2], Y <- [a, b]]]),
    io:format("if true ~p~n", [if true -> always end]),
    io:format("case binding ~p~n", [case_binding(5)]),
    io:format("case guard seq ~p~n", [[cg(X) || X <- [1, 2.0, -1, a, "l", {}]]]),
    io:format("fizzbuzz ~s~n", [string:join([fizz(I) || I <- lists:seq(1, 20)], ",")]),
    io:format("ack ~p~n", [ack(2, 3)]),
    io:format("hanoi ~p~n", [length(hanoi(10, a, b, c))]),
    io:format("clauses ~p~n", [[area(S) || S <- [{square, 2}, {rect, 2, 3}, {circle, 1}, {tri, 3, 4, 5}]]]),
    io:format("same var ~p~n", [[same(X, Y) || {X, Y} <- [{1, 1}, {1, 2}, {a, a}, {1, 1.0}]]]),
    io:format("underscore ~p~n", [under({1, 2, 3})]),
    io:format("string prefix ~p~n", [[prefix(S) || S <- ["GET /x", "POST /y", "PUT"]]]),
    io:format("list patterns ~p~n", [[lp(L) || L <- [[], [1], [1, 2], [1, 2, 3], [a | b]]]]),
    io:format("alias ~p~n", [alias({pair, 1, 2})]),
    io:format("case of case ~p~n", [case case 1 of 1 -> x; _ -> y end of x -> xx; y -> yy end]),
    io:format("if in case ~p~n", [[ific(N) || N <- [1, 5, 10]]]),
    io:format("scoping ~p ~p~n", [scoping(true), scoping(false)]),
    io:format("receive after 0 ~p~n", [receive _ -> got after 0 -> timeout end]),
    io:format("tail sum ~p~n", [sum(lists:seq(1, 10000), 0)]),
    io:format("mutual ~p ~p~n", [even(100), odd(7)]),
    io:format("match in args ~p~n", [margs({a, [1, 2]}, [1, 2])]),
    io:format("char ~p~n", [[chr(C) || C <- "aZ5 _!"]]),
    ok.

grade(S) when S >= 90 -> a;
grade(S) when S >= 80 -> b;
grade(S) when S >= 70 -> c;
grade(S) when S >= 60 -> d;
grade(_) -> f.

kind({ok, _}) -> ok1;
kind({error, Msg}) when is_list(Msg) -> {err, Msg};
kind({ok, _, _}) -> ok2;
kind([]) -> empty;
kind([_]) -> singleton;
kind([C | _]) when is_integer(C), C >= $a -> string;
kind(N) when is_integer(N) -> int;
kind(N) when is_float(N) -> float;
kind(_) -> other.

nested(X, Y) ->
    case X of
        0 -> case Y of a -> zero_a; _ -> zero_other end;
        N when N > 1 ->
            if Y =:= a -> big_a;
               true -> big_other
            end;
        _ -> one
    end.

case_binding(X) ->
    case X > 3 of
        true -> R = big;
        false -> R = small
    end,
    {R, X}.

cg(X) ->
    case X of
        I when is_integer(I), I > 0; is_float(I) -> positive_number;
        I when is_integer(I) -> nonpositive;
        A when is_atom(A) -> atom;
        _ -> other
    end.

fizz(I) when I rem 15 =:= 0 -> "FizzBuzz";
fizz(I) when I rem 3 =:= 0 -> "Fizz";
fizz(I) when I rem 5 =:= 0 -> "Buzz";
fizz(I) -> integer_to_list(I).

ack(0, N) -> N + 1;
ack(M, 0) -> ack(M - 1, 1);
ack(M, N) -> ack(M - 1, ack(M, N - 1)).

hanoi(0, _, _, _) -> [];
hanoi(N, F, T, V) -> hanoi(N - 1, F, V, T) ++ [{F, T}] ++ hanoi(N - 1, V, T, F).

area({square, S}) -> S * S;
area({rect, W, H}) -> W * H;
area({circle, R}) -> 3.14159 * R * R;
area({tri, A, B, C}) ->
    S = (A + B + C) / 2,
    math:sqrt(S * (S - A) * (S - B) * (S - C)).

same(X, X) -> same;
same(_, _) -> different.

under({_, X, _}) -> X.

prefix("GET " ++ Path) -> {get, Path};
prefix("POST " ++ Path) -> {post, Path};
prefix(Other) -> {unknown, Other}.

lp([]) -> nil;
lp([X]) -> {one, X};
lp([X, Y]) -> {two, X, Y};
lp([X | T]) when is_list(T) -> {many, X, length(T)};
lp([_ | T]) -> {improper, T}.

alias({pair, A, B} = P) -> {P, A + B}.

ific(N) ->
    case N of
        _ when N < 3 -> low;
        _ -> if N < 7 -> mid; true -> high end
    end.

scoping(Flag) ->
    X = if Flag -> 1; true -> 2 end,
    Y = case Flag of true -> a; false -> b end,
    {X, Y}.

sum([], Acc) -> Acc;
sum([H | T], Acc) -> sum(T, Acc + H).

even(0) -> true;
even(N) -> odd(N - 1).
odd(0) -> false;
odd(N) -> even(N - 1).

margs({a, L}, L) -> same_list;
margs(_, _) -> different.

chr(C) when C >= $a, C =< $z -> lower;
chr(C) when C >= $A, C =< $Z -> upper;
chr(C) when C >= $0, C =< $9 -> digit;
chr($\s) -> space;
chr(_) -> punct.
