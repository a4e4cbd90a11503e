-module(sl_uncaught_nested).
-export([main/0]).

main() ->
    io:format("start~n"),
    Result = try
                 level1(3)
             after
                 io:format("after runs~n")
             end,
    io:format("unreachable ~p~n", [Result]).

level1(N) -> [level2(N) | []].
level2(N) -> {level3(N)}.
level3(N) ->
    case N of
        1 -> ok;
        _ -> erlang:error({deep_failure, N, [x, y], <<"bin">>, #{k => v}})
    end.
