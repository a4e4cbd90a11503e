%% io output to the devices user (stdout, as standard_io) and standard_error
%% (stderr: absent from the expected stdout, which comes from erl).
-module(io_devices).
-export([main/0]).

main() ->
    io:format("one~n"),
    io:format(user, "two ~p~n", [{user, 2}]),
    io:format(standard_error, "to stderr ~p~n", [[1, 2, 3]]),
    io:put_chars(standard_error, <<"stderr bytes\n">>),
    io:put_chars(user, ["three", $\n]),
    io:nl(standard_error),
    io:write(standard_error, {x, y}),
    ok = io:format(standard_error, "~s~n", [<<"héllo"/utf8>>]),
    R = try io:format(standard_error, "~p ~p~n", [only_one]) catch C:E -> {C, E} end,
    io:format(standard_io, "bad args: ~p~n", [R]),
    R2 = try io:put_chars(standard_error, [foo]) catch C2:E2 -> {C2, E2} end,
    io:format("bad chars: ~p~n", [R2]),
    io:fwrite(user, "four~n", []),
    io:format("done~n").
