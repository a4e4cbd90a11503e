-module(try_rethrow).
-export([main/0]).

inner() -> error({inner_failure, 42}).

wrap() ->
    try inner()
    catch
        Class:Reason:Stack ->
            io:format("logging ~p:~p~n", [Class, Reason]),
            erlang:raise(Class, Reason, Stack)
    end.

cleanup(F) ->
    try F()
    catch
        throw:{retry, N} when N > 0 -> cleanup(fun() -> throw({retry, N - 1}) end);
        throw:{retry, 0} -> gave_up
    end.

main() ->
    R = try wrap() catch error:E -> {caught_again, E} end,
    io:format("~p~n", [R]),
    io:format("~p~n", [cleanup(fun() -> throw({retry, 3}) end)]),
    R2 = try erlang:raise(exit, custom_exit, []) catch exit:X -> {exit, X} end,
    io:format("~p~n", [R2]),
    R3 = try erlang:raise(bad_class, r, []) catch error:badarg -> badarg end,
    io:format("~p~n", [R3]),
    Self = fun S(0) -> throw(bottom); S(N) -> try S(N - 1) after ok end end,
    io:format("~p~n", [catch Self(1000)]).
