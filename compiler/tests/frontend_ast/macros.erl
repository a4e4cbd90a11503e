%% Macro expansion and ??Arg stringification, for the front-end AST conformance test.
-module(macros).
-export([f1/0, f2/0]).
-define(F(X), X).
-define(S(X), ??X).
-define(TWO(A, B), {A, B}).
f1() ->
    {?F([a, b]), ?F(fun() -> a, b end), ?F(<<1, 2>>), ?F(#{a => 1, b => 2}),
     ?F(case x of 1 -> a; 2 -> b end), ?F(try a, b catch _ -> c end),
     ?F(receive X -> X after 0 -> ok end), ?F(begin a, b end), ?F(if true -> a, b end),
     ?S(foo(1)), ?S(X + 1), ?S([a, b | c]), ?S("str"), ?S('Q a'), ?S($a), ?S(1.5), ?S(#{a => 1}),
     ?S(fun m:f/1), ?TWO(fun F(0) -> 0; F(N) -> F(N-1) end, 2), ?S(X#r.a), ?S(<<1:8/little>>),
     ?S(- 1), ?S(16#ff), ?S($\n), ?S("a\nb")}.
f2() -> [?S($\s), ?S($ ), ?S($\x{41}), ?S($\t), ?S($\0), ?S($\e), ?S($\d), ?S($\\), ?S($"), ?S($'), ?S($\x{263a}), ?S("a\tb\x{263a}"), ?S('a b'), ?S(2.50), ?S(0.1)].
