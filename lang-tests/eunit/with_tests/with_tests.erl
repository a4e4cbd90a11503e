%% EUnit runs a module's M_tests module with it, as a group "module 'M_tests'".
-module(with_tests).
-export([main/0]).

main() ->
    io:format("~p~n", [eunit:test(calc)]),
    io:format("~p~n", [eunit:test(calc, [verbose])]),
    io:format("~p~n", [eunit:test(calc_tests)]).
