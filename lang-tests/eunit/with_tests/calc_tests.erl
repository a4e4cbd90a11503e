-module(calc_tests).
-include_lib("eunit/include/eunit.hrl").

sub_test() -> ?assertEqual(1, calc:sub(3, 2)).
sub_wrong_test() -> ?assertEqual(2, calc:sub(3, 2)).
add_gen_test_() -> [?_assertEqual(N + 1, calc:add(N, 1)) || N <- [1, 2, 3]].
