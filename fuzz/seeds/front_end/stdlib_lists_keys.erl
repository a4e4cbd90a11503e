-module(stdlib_lists_keys).
-export([main/0]).

main() ->
    KL = [{b, 2}, {a, 1}, {c, 3}],
    io:format("~p~n", [[lists:keyfind(a, 1, KL), lists:keyfind(z, 1, KL), lists:keyfind(3, 2, KL)]]),
    io:format("~p~n", [[lists:keymember(b, 1, KL), lists:keysearch(c, 1, KL)]]),
    io:format("~p~n", [lists:keysort(1, KL)]),
    io:format("~p~n", [lists:keydelete(b, 1, KL)]),
    io:format("~p~n", [lists:keyreplace(a, 1, KL, {a, 100})]),
    io:format("~p~n", [lists:keystore(d, 1, KL, {d, 4})]),
    io:format("~p~n", [lists:keystore(a, 1, KL, {a, 0})]),
    io:format("~p~n", [lists:keytake(c, 1, KL)]),
    io:format("~p~n", [lists:keymap(fun(X) -> X * 10 end, 2, KL)]),
    io:format("~p~n", [lists:ukeysort(1, [{a, 1}, {a, 2}, {b, 0}])]),
    io:format("~p~n", [lists:keymerge(1, [{a, 1}, {c, 3}], [{b, 2}])]).
