%% Benchmark: a float loop, midpoint-rule integration of sin over [0, pi] with 2,000,000 steps.
%% Self-checking: the integral is 2 to within 1.0e-9.
-module(float_loop).
-export([main/0]).

-define(STEPS, 2000000).

integrate(0, _H, _X, Acc) -> Acc;
integrate(N, H, X, Acc) -> integrate(N - 1, H, X + H, Acc + math:sin(X) * H).

main() ->
    H = math:pi() / ?STEPS,
    R = integrate(?STEPS, H, H / 2, 0.0),
    abs(R - 2.0) < 1.0e-9 orelse error({wrong_result, R}),
    io:format("integral of sin over [0, pi] = ~.6f~n", [R]).
