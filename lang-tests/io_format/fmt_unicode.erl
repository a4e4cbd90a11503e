-module(fmt_unicode).
-export([main/0]).

main() ->
    io:format("~ts~n", ["smörgåsbord"]),
    io:format("~tp~n", ["smörgåsbord"]),
    io:format("~p~n", ["smörgåsbord"]),
    io:format("~tp~n", [["ĉu", "ŝi"]]),
    io:format("~p~n", [<<"ĉu"/utf8>>]),
    io:format("~tp~n", [<<"ĉu"/utf8>>]),
    io:format("~tc~n", [8364]),
    io:format("~ts~n", [<<"binary ∀x"/utf8>>]),
    io:format("~tw~n", ['atom_ü']),
    io:format("~p~n", ['atom_ü']),
    io:format("~-6ts|~n", ["äö"]).
