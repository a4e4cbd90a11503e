%% Runs the same io calls through OTP's io (main(io)) or ours
%% (main(kr_io)); io_tests.sh diffs the two outputs byte for byte.
-module(io_check).
-export([main/1]).

main([M]) -> main(list_to_atom(M));
main(M) ->
    Calls = [{format, ["hello~n"]}, {format, ["~p ~w~n", [{a, "b"}, <<1, 2>>]]},
             {format, [standard_io, "~s~n", [["x", <<"y">>]]]}, {format, [user, "~5.2f~n", [3.14159]]},
             {format, [nodev, "x", []]}, {format, ["~d~n", [a]]}, {format, ["~p"]},
             {fwrite, ["~p~n", [lists:seq(1, 40)]]}, {put_chars, ["abc\n"]}, {put_chars, [[<<"a">>, "b", $\n]]},
             {put_chars, [standard_io, "x\n"]}, {put_chars, [foo]}, {nl, []}, {format, [standard_error, "err~p~n", [x]]}, {format, [standard_error, "~d", [x]]}, {write, [{x, [1, 2]}]}, {nl, [standard_io]},
             {format, ["~ts~n", [<<"é"/utf8>>]]}, {format, ["é~c~n", [233]]}, {setopts, [[binary]]},
             {format, ["~p~n", [#{a => [1, 2, 3], b => "str", c => {x, y}}]]},
             {format, ["~-10s|~10s|~n", ["ab", "cd"]]}],
    lists:foreach(fun({F, A}) ->
                          R = try apply(M, F, A) catch C:E -> {C, reason(E)} end,
                          io:format("~w~n", [R])
                  end, Calls).

reason({R, _}) when is_atom(R) -> R;
reason(R) -> R.
