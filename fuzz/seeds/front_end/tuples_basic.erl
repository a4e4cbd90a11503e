-module(tuples_basic).
-export([main/0]).

main() ->
    T = {a, 1, "two", {three}},
    io:format("~p~n", [T]),
    io:format("~p~n", [[element(1, T), element(4, T), tuple_size(T), size(T)]]),
    io:format("~p~n", [setelement(2, T, one)]),
    io:format("~p~n", [[{}, {{}}, {[], []}]]),
    io:format("~p~n", [[tuple_to_list(T), list_to_tuple([x, y, z])]]),
    io:format("~p~n", [erlang:append_element({1, 2}, 3)]),
    io:format("~p~n", [erlang:make_tuple(3, z)]),
    io:format("~p~n", [erlang:delete_element(2, {a, b, c})]),
    io:format("~p~n", [erlang:insert_element(2, {a, c}, b)]),
    io:format("~p~n", [[is_tuple(T), is_tuple([T])]]),
    {A, {B, C}} = {1, {2, 3}},
    io:format("~p~n", [A + B + C]).
