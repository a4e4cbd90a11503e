-module(stdlib_conversions).
-export([main/0]).

main() ->
    io:format("~p~n", [[integer_to_list(42), list_to_integer("42"), float_to_list(1.5, [{decimals, 2}])]]),
    io:format("~p~n", [[atom_to_list(abc), list_to_atom("abc"), atom_to_binary(abc, utf8)]]),
    io:format("~p~n", [[list_to_binary("abc"), binary_to_list(<<"abc">>), tuple_to_list({a, b})]]),
    io:format("~p~n", [[term_to_binary([1, 2]), binary_to_term(<<131, 107, 0, 2, 1, 2>>)]]),
    io:format("~p~n", [[integer_to_binary(255, 16), binary_to_integer(<<"-99">>)]]),
    io:format("~p~n", [[list_to_tuple("ab"), erlang:list_to_integer("zz", 36)]]),
    io:format("~p~n", [[iolist_to_binary(["a", [<<"b">>, $c]]), erlang:iolist_size([<<1, 2>>, 3])]]),
    io:format("~p~n", [[erlang:phash2({a, b, c}), erlang:phash2("hello", 1000)]]),
    io:format("~p~n", [[unicode:characters_to_binary("åäö"), unicode:characters_to_list(<<"x"/utf8>>)]]),
    io:format("~p~n", [[erlang:binary_to_list(<<"bin">>), erlang:atom_to_list('quoted atom')]]).
