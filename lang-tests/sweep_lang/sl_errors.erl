-module(sl_errors).
-export([main/0]).

-record(r, {a, b}).

main() ->
    Tests = [
        {badarith_add, fun() -> id(1) + id(a) end},
        {badarith_div0, fun() -> id(7) div id(0) end},
        {badarith_rem0, fun() -> id(7) rem id(0) end},
        {badarith_fdiv, fun() -> id(1.0) / id(0) end},
        {badarith_neg, fun() -> -id(foo) end},
        {badarith_band, fun() -> id(1.5) band 1 end},
        {badarith_bsl, fun() -> id(a) bsl 1 end},
        {badmatch_int, fun() -> 1 = id(2) end},
        {badmatch_tuple, fun() -> {X, X} = id({1, 2}) end},
        {badmatch_list, fun() -> [_, _] = id([1, 2, 3]) end},
        {badmatch_bin, fun() -> <<_:8>> = id(<<1, 2>>) end},
        {function_clause, fun() -> fc(id(3)) end},
        {case_clause, fun() -> case id(q) of a -> 1 end end},
        {case_clause_tuple, fun() -> case id({1, 2}) of {2, _} -> 1 end end},
        {if_clause, fun() -> X = id(1), if X > 2 -> x end end},
        {try_clause, fun() -> try id(9) of 8 -> x catch _ -> y end end},
        {undef_mod, fun() -> nomod_xyz:nofun(1, 2) end},
        {undef_fun, fun() -> lists:no_such_function(a) end},
        {undef_arity, fun() -> (id(lists)):reverse(1, 2, 3) end},
        {badarg_atom, fun() -> list_to_atom(id(123)) end},
        {badarg_element, fun() -> element(5, id({1, 2})) end},
        {badarg_element0, fun() -> element(0, id({1, 2})) end},
        {badarg_hd, fun() -> hd(id([])) end},
        {badarg_tl, fun() -> tl(id(x)) end},
        {badarg_length, fun() -> length(id([1 | 2])) end},
        {badarg_int_to_list, fun() -> integer_to_list(id(1.0)) end},
        {badarg_list_to_int, fun() -> list_to_integer(id("12x")) end},
        {badarg_tuple_size, fun() -> tuple_size(id([])) end},
        {badarg_setelement, fun() -> setelement(3, id({a}), b) end},
        {badarg_binary_part, fun() -> binary_part(id(<<1, 2>>), 1, 5) end},
        {badarg_append, fun() -> id(a) ++ [1] end},
        {badarg_subtract, fun() -> id([1]) -- a end},
        {badarg_send, fun() -> id(not_registered_name) ! hi end},
        {badfun_int, fun() -> (id(42))() end},
        {badfun_tuple, fun() -> (id({a, b}))(1) end},
        {badarity_0, fun() -> (id(fun() -> ok end))(1, 2) end},
        {badarity_2, fun() -> (id(fun(A, _) -> A end))(x) end},
        {badkey_get, fun() -> maps:get(z, id(#{a => 1})) end},
        {badkey_update, fun() -> (id(#{a => 1}))#{z := 2} end},
        {badkey_match, fun() -> #{z := _} = id(#{a => 1}) end},
        {badmap_update, fun() -> (id([]))#{a => 1} end},
        {badmap_get, fun() -> maps:get(a, id(x)) end},
        {badrecord, fun() -> (id({other, 1, 2}))#r.a end},
        {badrecord_update, fun() -> (id(x))#r{a = 1} end},
        {throw_term, fun() -> throw({my, term, [1, 2]}) end},
        {exit_normal, fun() -> exit(normal) end},
        {exit_tuple, fun() -> exit({shutdown, reason}) end},
        {error_args, fun() -> erlang:error(custom, [a, b]) end},
        {float_overflow, fun() -> math:pow(10.0, 400) end},
        {float_mul_overflow, fun() -> id(1.0e300) * 1.0e300 end},
        {bad_bit_size, fun() -> <<1:(id(-1))>> end},
        {bad_bin_construct, fun() -> <<(id(a)):8>> end},
        {bad_float_bin, fun() -> <<(id(x)):64/float>> end},
        {list_to_tuple_bad, fun() -> list_to_tuple(id(a)) end},
        {apply_bad, fun() -> apply(id(lists), id(reverse), id(notalist)) end},
        {nested_fun_crash, fun() -> lists:map(fun(X) -> X + 1 end, id([1, a])) end}
    ],
    lists:foreach(fun({Name, F}) -> report(Name, F) end, Tests),
    ok.

report(Name, F) ->
    try F() of
        V -> io:format("~p: returned ~p~n", [Name, V])
    catch
        error:{badarity, {Fun, Args}} when is_function(Fun) ->
            {arity, Ar} = erlang:fun_info(Fun, arity),
            io:format("~p: error:badarity fun/~p given ~p~n", [Name, Ar, Args]);
        Class:Reason -> io:format("~p: ~p:~p~n", [Name, Class, Reason])
    end.

fc(1) -> one;
fc(2) -> two.

id(X) -> X.
