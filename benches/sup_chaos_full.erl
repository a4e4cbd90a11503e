%% The full supervisor chaos test (issue 9): 1,000 workers under 111 supervisors, 10,000 random
%% kills; run by benches/sup_chaos.sh on krarup and erl. The reduced CI version is
%% lang-tests/otp/sup_chaos.erl; both use lang-tests/otp/sup_chaos/sup_chaos_tree.erl.
-module(sup_chaos_full).
-export([main/0]).

main() ->
    T0 = erlang:monotonic_time(millisecond),
    sup_chaos_tree:run(10, 10, 10, 10000, 7),
    io:format(standard_error, "sup_chaos_full: ~p ms~n", [erlang:monotonic_time(millisecond) - T0]).
