%% Iolist walks, unicode conversion, flattening and formatting of lists a million levels deep.
-module(deep_iolist).
-export([main/0]).

-define(N, 1000000).

list(N) -> lists:foldl(fun(_, A) -> [A] end, [], lists:seq(1, N)).
iolist(N) -> lists:foldl(fun(_, A) -> [A, <<"a">>] end, <<"b">>, lists:seq(1, N)).

show(Label, Value) -> io:format("~s: ~P~n", [Label, Value, 6]).

main() ->
    IO = iolist(?N),
    show("iolist_size", iolist_size(IO)),
    show("iolist_to_binary", iolist_to_binary(IO)),
    show("list_to_binary", byte_size(list_to_binary(IO))),
    show("characters_to_list", length(unicode:characters_to_list(IO))),
    show("characters_to_binary", byte_size(unicode:characters_to_binary(IO))),
    L = list(?N),
    show("flatten", length(lists:flatten([L, 1, L]))),
    show("format ~w", length(lists:flatten(io_lib:format("~w", [L])))),
    ok.
