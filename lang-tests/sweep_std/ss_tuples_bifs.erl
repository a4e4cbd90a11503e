-module(ss_tuples_bifs).
-export([main/0]).

t(F) ->
    try F() of
        V -> {ok, V}
    catch
        C:R -> {C, R}
    end.

show(Label, F) ->
    io:format("~s: ~p~n", [Label, t(F)]).

main() ->
    T = {a, "bee", 3.5, [x, y], #{k => v}},
    show("element1", fun() -> element(1, T) end),
    show("element5", fun() -> element(5, T) end),
    show("element0", fun() -> element(0, T) end),
    show("element6", fun() -> element(6, T) end),
    show("element_neg", fun() -> element(-1, T) end),
    show("element_float", fun() -> element(1.0, T) end),
    show("element_notuple", fun() -> element(1, [a]) end),
    show("element_big", fun() -> element(1 bsl 70, T) end),
    show("setelement", fun() -> setelement(2, T, "wasp") end),
    show("setelement_last", fun() -> setelement(5, T, none) end),
    show("setelement_oob", fun() -> setelement(6, T, none) end),
    show("setelement_zero", fun() -> setelement(0, {}, none) end),
    show("tuple_size", fun() -> {tuple_size(T), tuple_size({}), size({1, 2})} end),
    show("tuple_size_bad", fun() -> tuple_size([1, 2]) end),
    show("size_bin", fun() -> size(<<1, 2, 3>>) end),
    show("size_list", fun() -> size([1]) end),
    show("tuple_to_list", fun() -> tuple_to_list(T) end),
    show("tuple_to_list_empty", fun() -> tuple_to_list({}) end),
    show("tuple_to_list_bad", fun() -> tuple_to_list(foo) end),
    show("list_to_tuple", fun() -> list_to_tuple([1, [2], {3}]) end),
    show("list_to_tuple_empty", fun() -> list_to_tuple([]) end),
    show("list_to_tuple_improper", fun() -> list_to_tuple([1 | 2]) end),
    show("list_to_tuple_bad", fun() -> list_to_tuple(<<"ab">>) end),
    show("make_tuple", fun() -> erlang:make_tuple(3, z) end),
    show("make_tuple0", fun() -> erlang:make_tuple(0, z) end),
    show("make_tuple_neg", fun() -> erlang:make_tuple(-1, z) end),
    show("make_tuple3", fun() -> erlang:make_tuple(4, d, [{2, b}, {4, q}, {2, c}]) end),
    show("make_tuple3_bad", fun() -> erlang:make_tuple(2, d, [{3, b}]) end),
    show("append_element", fun() -> erlang:append_element({1, 2}, 3) end),
    show("append_element_empty", fun() -> erlang:append_element({}, x) end),
    show("append_element_bad", fun() -> erlang:append_element([1], 3) end),
    show("insert_element", fun() -> erlang:insert_element(1, {b, c}, a) end),
    show("insert_element_end", fun() -> erlang:insert_element(3, {b, c}, d) end),
    show("insert_element_oob", fun() -> erlang:insert_element(4, {b, c}, d) end),
    show("delete_element", fun() -> erlang:delete_element(2, {a, b, c}) end),
    show("delete_element_oob", fun() -> erlang:delete_element(4, {a, b, c}) end),
    show("delete_element_one", fun() -> erlang:delete_element(1, {a}) end),
    show("hd", fun() -> hd([1, 2]) end),
    show("hd_empty", fun() -> hd([]) end),
    show("hd_improper", fun() -> hd([a | b]) end),
    show("tl", fun() -> tl([1, 2]) end),
    show("tl_improper", fun() -> tl([a | b]) end),
    show("tl_empty", fun() -> tl([]) end),
    show("tl_atom", fun() -> tl(x) end),
    show("length", fun() -> {length([]), length([a, b, c]), length("hello")} end),
    show("length_improper", fun() -> length([a, b | c]) end),
    show("length_atom", fun() -> length(abc) end),
    %% Nested record-like manipulation
    Rec = {person, "Ann", 33, []},
    Rec2 = setelement(4, setelement(3, Rec, element(3, Rec) + 1), [tag]),
    io:format("~p~n", [Rec2]),
    Fold = lists:foldl(fun(I, Acc) -> setelement(I, Acc, I * I) end,
                       erlang:make_tuple(6, 0), lists:seq(1, 6)),
    io:format("~p~n", [Fold]),
    io:format("~p~n", [[element(I, {x, y, z}) || I <- [3, 2, 1]]]),
    io:format("~p~n", [list_to_tuple(lists:reverse(tuple_to_list({1, 2, 3, 4})))]),
    ok.
