-module(atoms_basic).
-export([main/0]).

main() ->
    L = [ok, 'hello world', 'UPPER', 'with\'quote', '', 'a.b', a@b, 'été', true, 'fun', 'case', []],
    [io:format("~p ~w ~s~n", [A, A, io_lib:format("~p", [A])]) || A <- L, is_atom(A)],
    io:format("~p~n", [[atom_to_list(hello), list_to_atom("x y"), atom_to_binary(abc), binary_to_atom(<<"def">>)]]),
    io:format("~p~n", [[is_atom(ok), is_atom("ok"), is_atom(true), length(atom_to_list('été'))]]),
    io:format("~p~n", [list_to_existing_atom("ok")]).
