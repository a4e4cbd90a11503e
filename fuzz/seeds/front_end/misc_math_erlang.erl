-module(misc_math_erlang).
-export([main/0]).

main() ->
    io:format("~p~n", [[erlang:max(1, 2), erlang:min(a, b), erlang:abs(-3), erlang:length([1])]]),
    io:format("~p~n", [[erlang:is_atom(a), erlang:element(1, {x}), erlang:hd([h]), erlang:tl([h, t])]]),
    io:format("~p~n", [[math:pow(2, 0.5), math:log2(1024), math:log10(1000), math:tan(0.0)]]),
    io:format("~p~n", [[math:asin(1.0), math:acos(1.0), math:atan(1.0), math:sinh(0.0), math:cosh(0.0), math:tanh(0.0)]]),
    io:format("~p~n", [[erlang:integer_to_list(-0), erlang:atom_to_list(true), erlang:bit_size(<<>>)]]),
    io:format("~p~n", [lists:map(fun erlang:float/1, [1, 2])]),
    io:format("~p~n", [[erlang:size(<<1, 2>>), erlang:byte_size(<<1:9>>), erlang:is_boolean(false), erlang:is_boolean(0)]]),
    io:format("~p~n", [erlang:make_tuple(2, x, [{1, y}])]),
    io:format("~p~n", [[erlang:list_to_existing_atom("true"), erlang:function_exported(lists, map, 2), erlang:function_exported(lists, nope, 0)]]).
