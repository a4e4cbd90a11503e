-module(sl_app_calc).
-export([main/0]).

-record(tok, {type, value, pos = 0}).
-record(env, {vars = #{}, depth = 0, trace = []}).

-define(IS_DIGIT(C), (C >= $0 andalso C =< $9)).
-define(IS_ALPHA(C), ((C >= $a andalso C =< $z) orelse (C >= $A andalso C =< $Z) orelse C =:= $_)).

main() ->
    Progs = ["1 + 2 * 3",
             "(1 + 2) * 3",
             "2 ^ 10 ^ 0",
             "x = 5; y = x * x; y - x",
             "100 / 7",
             "100 // 7",
             "-3 - -4",
             "a = 2 ^ 100; a // 3",
             "1 / 0",
             "undefined_var + 1",
             "3 +",
             "4 $ 4",
             "(1 + 2",
             "max(3, 9, 2) + min(4, 1)",
             "f = 10; f % 3",
             "1.5 * 4",
             "sqr(12)",
             "2 ^ -1"],
    lists:foreach(fun(P) -> io:format("~-28s => ~p~n", [P, run(P)]) end, Progs),
    io:format("tokens ~p~n", [tokenize("ab1 = 12+x", 0)]),
    ok.

run(Src) ->
    try
        Toks = tokenize(Src, 0),
        Stmts = parse_stmts(Toks),
        {Val, Env} = eval_stmts(Stmts, #env{}),
        {ok, Val, lists:sort(maps:to_list(Env#env.vars))}
    catch
        throw:{syntax, What, Pos} -> {syntax_error, What, Pos};
        throw:{unbound, V} -> {unbound, V};
        error:badarith -> arith_error;
        error:{unknown_fun, F, A} -> {no_such_function, F, A}
    end.

tokenize([], _) -> [];
tokenize([C | Rest], P) when C =:= $\s -> tokenize(Rest, P + 1);
tokenize([C | _] = S, P) when ?IS_DIGIT(C) ->
    {Num, Rest, Len} = number(S, []),
    [#tok{type = num, value = Num, pos = P} | tokenize(Rest, P + Len)];
tokenize([C | _] = S, P) when ?IS_ALPHA(C) ->
    {Name, Rest} = lists:splitwith(fun(X) -> ?IS_ALPHA(X) orelse ?IS_DIGIT(X) end, S),
    [#tok{type = id, value = list_to_atom(Name), pos = P} | tokenize(Rest, P + length(Name))];
tokenize("//" ++ Rest, P) -> [#tok{type = op, value = 'div', pos = P} | tokenize(Rest, P + 2)];
tokenize([C | Rest], P) ->
    case lists:member(C, "+-*/^%()=;,") of
        true -> [#tok{type = op, value = list_to_atom([C]), pos = P} | tokenize(Rest, P + 1)];
        false -> throw({syntax, {bad_char, [C]}, P})
    end.

number(S, Acc) ->
    {Digits, Rest} = lists:splitwith(fun(C) -> ?IS_DIGIT(C) end, S),
    case Rest of
        [$., D | Rest2] when ?IS_DIGIT(D) ->
            {Frac, Rest3} = lists:splitwith(fun(C) -> ?IS_DIGIT(C) end, [D | Rest2]),
            Str = Acc ++ Digits ++ "." ++ Frac,
            {list_to_float(Str), Rest3, length(Str)};
        _ ->
            {list_to_integer(Digits), Rest, length(Digits)}
    end.

parse_stmts(Toks) ->
    {E, Rest} = parse_stmt(Toks),
    case Rest of
        [] -> [E];
        [#tok{value = ';'} | More] -> [E | parse_stmts(More)];
        [#tok{value = V, pos = P} | _] -> throw({syntax, {unexpected, V}, P})
    end.

parse_stmt([#tok{type = id, value = V}, #tok{value = '='} | Rest]) ->
    {E, Rest2} = parse_expr(Rest, 0),
    {{assign, V, E}, Rest2};
parse_stmt(Toks) -> parse_expr(Toks, 0).

prec('+') -> {10, left};
prec('-') -> {10, left};
prec('*') -> {20, left};
prec('/') -> {20, left};
prec('div') -> {20, left};
prec('%') -> {20, left};
prec('^') -> {30, right};
prec(_) -> none.

parse_expr(Toks, Min) ->
    {Lhs, Rest} = parse_primary(Toks),
    climb(Lhs, Rest, Min).

climb(Lhs, [#tok{type = op, value = Op} | Rest] = Toks, Min) ->
    case prec(Op) of
        {P, Assoc} when P >= Min ->
            Next = case Assoc of left -> P + 1; right -> P end,
            {Rhs, Rest2} = parse_expr(Rest, Next),
            climb({bin, Op, Lhs, Rhs}, Rest2, Min);
        _ -> {Lhs, Toks}
    end;
climb(Lhs, Toks, _) -> {Lhs, Toks}.

parse_primary([#tok{type = num, value = N} | Rest]) -> {{num, N}, Rest};
parse_primary([#tok{type = id, value = F}, #tok{value = '('} | Rest]) ->
    {Args, Rest2} = parse_args(Rest, []),
    {{call, F, Args}, Rest2};
parse_primary([#tok{type = id, value = V} | Rest]) -> {{var, V}, Rest};
parse_primary([#tok{value = '-'} | Rest]) ->
    {E, Rest2} = parse_primary(Rest),
    {{neg, E}, Rest2};
parse_primary([#tok{value = '('} | Rest]) ->
    case parse_expr(Rest, 0) of
        {E, [#tok{value = ')'} | Rest2]} -> {E, Rest2};
        {_, [#tok{value = V, pos = P} | _]} -> throw({syntax, {expected_close, V}, P});
        {_, []} -> throw({syntax, unclosed, eof})
    end;
parse_primary([#tok{value = V, pos = P} | _]) -> throw({syntax, {unexpected, V}, P});
parse_primary([]) -> throw({syntax, unexpected_eof, eof}).

parse_args(Toks, Acc) ->
    {E, Rest} = parse_expr(Toks, 0),
    case Rest of
        [#tok{value = ','} | More] -> parse_args(More, [E | Acc]);
        [#tok{value = ')'} | More] -> {lists:reverse([E | Acc]), More};
        _ -> throw({syntax, bad_args, eof})
    end.

eval_stmts([S], Env) -> eval_stmt(S, Env);
eval_stmts([S | More], Env) ->
    {_, Env2} = eval_stmt(S, Env),
    eval_stmts(More, Env2).

eval_stmt({assign, V, E}, #env{vars = Vars} = Env) ->
    Val = eval(E, Env),
    {Val, Env#env{vars = Vars#{V => Val}, trace = [V | Env#env.trace]}};
eval_stmt(E, Env) -> {eval(E, Env), Env}.

eval({num, N}, _) -> N;
eval({var, V}, #env{vars = Vars}) ->
    case Vars of
        #{V := Val} -> Val;
        _ -> throw({unbound, V})
    end;
eval({neg, E}, Env) -> -eval(E, Env);
eval({bin, Op, A, B}, Env) -> apply_op(Op, eval(A, Env), eval(B, Env));
eval({call, F, Args}, Env) -> call(F, [eval(A, Env) || A <- Args]).

apply_op('+', A, B) -> A + B;
apply_op('-', A, B) -> A - B;
apply_op('*', A, B) -> A * B;
apply_op('/', A, B) -> A / B;
apply_op('div', A, B) -> A div B;
apply_op('%', A, B) -> A rem B;
apply_op('^', A, B) when is_integer(B), B >= 0 -> ipow(A, B);
apply_op('^', A, B) -> math:pow(A, B).

ipow(_, 0) -> 1;
ipow(A, N) when N rem 2 =:= 0 -> H = ipow(A, N div 2), H * H;
ipow(A, N) -> A * ipow(A, N - 1).

call(max, Args = [_ | _]) -> lists:max(Args);
call(min, Args = [_ | _]) -> lists:min(Args);
call(F, Args) -> error({unknown_fun, F, length(Args)}).
