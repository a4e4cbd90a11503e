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
    io:format("~p~n", [try ?assertEqual(1, zero()) catch error:E -> E end]).

zero() -> 0.
