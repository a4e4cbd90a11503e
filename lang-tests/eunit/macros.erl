%% eunit.hrl's helper macros and switches: ?LET, ?IF, ?MATCHES, the ?_ forms' line numbers,
%% ?debugVal's value, and NOASSERT-free assertions returning ok.
-module(macros).
-include_lib("eunit/include/eunit.hrl").
-export([main/0]).

main() ->
    io:format("~p~n", [?LET({A, B}, {1, 2}, A + B)]),
    io:format("~p~n", [?IF(1 > 2, yes, no)]),
    io:format("~p~n", [{?MATCHES({_, x}, {1, x}), ?MATCHES([], [1])}]),
    io:format("~p~n", [?_test(ok) =/= undefined]),
    {Line, F} = ?_assert(true),
    io:format("~p~n", [{Line, F()}]),
    io:format("~p~n", [[?assert(true), ?assertEqual(1, 1), ?assertMatch(_, x),
                        ?assertError(badarith, 1 / zero()), ?assertThrow(t, throw(t)),
                        ?assertExit(e, exit(e)), ?assertNotException(error, x, ok)]]),
    io:format("~p~n", [{?TEST, ?EUNIT}]),
    io:format("~p~n", [try ?assertEqual(1, zero()) catch error:E -> E end]),
    Wrong = [fun() -> ?assertError(badarg, 1 + zero(a)) end,
             fun() -> ?assertExit(normal, exit(other)) end,
             fun() -> ?assertThrow({x, _}, throw(y)) end,
             fun() -> ?assertNotException(throw, oops, throw(oops)) end,
             fun() -> ?assertException(error, {badmatch, _}, zero()) end],
    [io:format("~p~n", [without_stack(W)]) || W <- Wrong].

%% The failure term with the caught exception's stack trace left out.
without_stack(F) ->
    try F() of
        ok -> passed
    catch
        error:{Name, Info} ->
            {Name, [case I of
                        {unexpected_exception, {C, T, _Stack}} -> {unexpected_exception, {C, T}};
                        _ -> I
                    end || I <- Info]}
    end.

zero(X) -> X.

zero() -> 0.
