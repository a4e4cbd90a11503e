-module(sl_attrs).
-compile(export_all).
-compile([nowarn_export_all, {inline, [sq/1]}]).
-export_type([shape/0]).
-type shape() :: {circle, number()} | {rect, number(), number()}.
-opaque stack() :: list().
-dialyzer({nowarn_function, main/0}).
-deprecated([{old, 0}]).
-vsn("1.2.3").
-author("sweeplang").
-my_custom({any, "term", [1, 2]}).
-record(rec, {x :: integer(), y = 0 :: non_neg_integer(), z = [] :: [atom()]}).

-spec sq(number()) -> number().
sq(X) -> X * X.

old() -> old.

-spec area(shape()) -> float().
area({circle, R}) -> 3.0 * sq(R);
area({rect, W, H}) -> float(W * H).

-spec push(term(), stack()) -> stack().
push(X, S) -> [X | S].

main() ->
    io:format("~p~n", [[area({circle, 2}), area({rect, 3, 4}), push(a, [b]), old()]]),
    io:format("~p~n", [#rec{x = 1}]),
    io:format("module ~p~n", [module_info(module)]),
    Info = fun module_info/1,
    io:format("exports ~p~n", [lists:sort(Info(exports))]),
    io:format("exported ~p~n", [[erlang:function_exported(?MODULE, F, A) || {F, A} <- [{sq, 1}, {area, 1}, {nope, 0}]]]),
    Attrs = module_info(attributes),
    io:format("vsn ~p author ~p custom ~p~n",
              [proplists:get_value(vsn, Attrs), proplists:get_value(author, Attrs),
               proplists:get_value(my_custom, Attrs)]),
    io:format("remote ~p~n", [?MODULE:sq(12)]),
    io:format("apply ~p~n", [apply(?MODULE, area, [{rect, 1, 2}])]),
    ok.
