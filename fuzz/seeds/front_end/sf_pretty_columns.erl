-module(sf_pretty_columns).
-export([main/0]).

%% ~p depends on the current column, the width as line length, precision as column.
data() -> [{user, "alice", 31, [admin, dev]}, {user, "bob", 27, [dev]}, {user, "carol", 45, [ops, oncall, admin]}].

main() ->
    D = data(),
    io:format("~p~n", [D]),
    io:format("Users: ~p~n", [D]),
    io:format("A much longer prefix before the term starts here: ~p~n", [D]),
    io:format("\t~p~n", [D]),
    io:format("\t\t\tx ~p~n", [D]),
    io:format("line1~nline2 ~p~n", [D]),
    io:format("~40p~n", [D]),
    io:format("~30p~n", [lists:seq(1, 25)]),
    io:format("~20p~n", [{a, b, c, d, e, f, g, h, i, j}]),
    io:format("~120p~n", [D]),
    io:format("~1p~n", [[a, b]]),
    io:format("~.20p~n", [D]),
    io:format("~60.10p~n", [D]),
    io:format("~p ~p~n", [D, D]),
    io:format("~w: ~p~n", [result, {ok, lists:seq(100, 130)}]),
    io:format("~s~p~n", [lists:duplicate(70, $=), {tag, value}]),
    io:format("~s~p~n", [lists:duplicate(75, $=), {tag, value, more}]),
    io:format("~s~p~n", [lists:duplicate(78, $=), [1, 2, 3]]),
    Key = {session, <<"0123456789abcdef0123456789abcdef">>, {{2024, 1, 15}, {12, 30, 45}}, [{ttl, 3600}, {renew, true}]},
    io:format("~p~n", [Key]),
    io:format("session => ~p~n", [Key]),
    io:format("~p~n", [[Key, Key]]),
    io:format("~p~n", [{a, [{b, [{c, [{d, [{e, lists:seq(1, 30)}]}]}]}]}]),
    io:format("~p~n", [{very_long_tag_name_that_takes_most_of_the_line_by_itself_ok, [1, 2, 3], {x, y}}]),
    io:format("~p~n", [[{k, lists:duplicate(5, "xyz")} || _ <- lists:seq(1, 4)]]),
    io:format("~p~n", [{{1, 2}, {3, 4}, [{5, 6}, {7, 8}], "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz"}]),
    ok.
