-module(ss_misc_bifs).
-export([main/0, add/2, nullary/0]).

add(A, B) -> A + B.
nullary() -> zero_args.

t(F) ->
    try F() of
        V -> V
    catch
        C:R -> {caught, C, R}
    end.

main() ->
    %% apply
    io:format("~p~n", [apply(fun(X, Y) -> X * Y end, [6, 7])]),
    io:format("~p~n", [apply(?MODULE, add, [1, 2])]),
    io:format("~p~n", [apply(?MODULE, nullary, [])]),
    io:format("~p~n", [apply(lists, reverse, [[1, 2, 3]])]),
    io:format("~p~n", [apply(fun erlang:'+'/2, [3, 4])]),
    io:format("~p~n", [erlang:apply(erlang, element, [2, {a, b}])]),
    io:format("~p~n", [t(fun() -> apply(?MODULE, no_such_fun, [1]) end)]),
    io:format("~p~n", [t(fun() -> apply(no_such_module_zz, f, []) end)]),
    io:format("~p~n", [case t(fun() -> apply(fun(X) -> X end, [1, 2]) end) of
                            {caught, error, {badarity, {Fn, As}}} -> {badarity, is_function(Fn), As};
                            Other -> Other
                        end]),
    io:format("~p~n", [t(fun() -> apply(?MODULE, add, [1 | 2]) end)]),
    M = lists, F = seq,
    io:format("~p~n", [M:F(1, 4)]),
    %% process dictionary
    io:format("~p~n", [put(k1, v1)]),
    io:format("~p~n", [put(k1, v2)]),
    io:format("~p~n", [get(k1)]),
    io:format("~p~n", [get(missing)]),
    put({tuple, key}, [1, 2]),
    put(42, answer),
    io:format("~p~n", [lists:sort(get_keys())]),
    io:format("~p~n", [get_keys(answer)]),
    io:format("~p~n", [lists:sort(get())]),
    io:format("~p~n", [erase(k1)]),
    io:format("~p~n", [erase(k1)]),
    io:format("~p~n", [lists:sort(erase())]),
    io:format("~p~n", [get()]),
    %% phash2
    io:format("~p~n", [[erlang:phash2(X) || X <- [0, 1, -1, a, abc, "abc", <<"abc">>, {}, [], {a, 1},
                                                   1.5, 1 bsl 70, #{a => 1}, [1 | 2], <<1:3>>]]]),
    io:format("~p~n", [[erlang:phash2(X, 100) || X <- [foo, bar, {x, y}, lists:seq(1, 10)]]]),
    io:format("~p~n", [[erlang:phash2([X], 1000) || X <- [foo, 1, "s"]]]),
    io:format("~p~n", [t(fun() -> erlang:phash2(a, 0) end)]),
    %% time
    T1 = erlang:monotonic_time(),
    T2 = erlang:monotonic_time(),
    io:format("~p~n", [T2 >= T1]),
    S = erlang:system_time(second),
    Ms = erlang:system_time(millisecond),
    io:format("~p~n", [abs(Ms div 1000 - S) =< 1]),
    io:format("~p~n", [[erlang:convert_time_unit(1, second, millisecond),
                        erlang:convert_time_unit(1500, millisecond, second),
                        erlang:convert_time_unit(3, second, microsecond),
                        erlang:convert_time_unit(7, second, nanosecond),
                        erlang:convert_time_unit(-1500, millisecond, second)]]),
    io:format("~p~n", [is_integer(erlang:monotonic_time(microsecond))]),
    io:format("~p~n", [is_integer(os:system_time(millisecond))]),
    {Mega, Sec, Micro} = os:timestamp(),
    io:format("~p~n", [is_integer(Mega) andalso is_integer(Sec) andalso Micro < 1000000]),
    io:format("~p~n", [t(fun() -> erlang:monotonic_time(fortnight) end)]),
    %% unique integers
    U1 = erlang:unique_integer([monotonic]),
    U2 = erlang:unique_integer([monotonic]),
    io:format("~p~n", [U2 > U1]),
    io:format("~p~n", [erlang:unique_integer([positive]) > 0]),
    io:format("~p~n", [t(fun() -> erlang:unique_integer([bogus]) end)]),
    %% refs
    R1 = make_ref(), R2 = make_ref(),
    io:format("~p~n", [[is_reference(R1), R1 =:= R2, R1 == R1, is_reference(self())]]),
    %% type tests
    Vals = [1, 1.0, a, "s", <<"b">>, <<1:1>>, {}, [], #{}, fun() -> ok end, self(), R1, [a | b]],
    lists:foreach(
      fun(V) ->
              io:format("~w~n", [[is_atom(V), is_binary(V), is_bitstring(V), is_boolean(V),
                                  is_float(V), is_function(V), is_function(V, 0), is_integer(V),
                                  is_list(V), is_map(V), is_number(V), is_pid(V), is_port(V),
                                  is_reference(V), is_tuple(V)]])
      end, Vals),
    io:format("~p~n", [[is_record({r, 1}, r, 1), is_record({r, 1}, r, 2), is_record({r, 1}, s, 2),
                        is_record(x, r, 1), is_record({r}, r, 1)]]),
    %% misc
    io:format("~p~n", [[byte_size(<<1, 2, 3>>), bit_size(<<1:5>>), byte_size(<<1:9>>)]]),
    io:format("~p~n", [[t(fun() -> byte_size([1]) end), t(fun() -> bit_size(a) end)]]),
    io:format("~p~n", [[atom_length_check(X) || X <- [a, abc, '']]]),
    io:format("~p~n", [[erlang:fun_info(fun lists:map/2, arity), erlang:fun_info(fun add/2, module)]]),
    io:format("~p~n", [[t(fun() -> erlang:error(my_reason) end), t(fun() -> erlang:error({x, 1}, [a]) end),
                        t(fun() -> throw(ball) end), t(fun() -> exit(gone) end)]]),
    io:format("~p~n", [[node(), is_atom(node()), is_pid(self()), erlang:is_alive()]]),
    io:format("~p~n", [[erlang:list_to_pid("<0.0.0>") =:= erlang:list_to_pid("<0.0.0>")]]),
    io:format("~p~n", [[erlang:max(1 bsl 70, 1.0e30), erlang:min("abc", "abd")]]),
    ok.

atom_length_check(A) -> length(atom_to_list(A)).
