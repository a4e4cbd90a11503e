-module(calc).
-export([add/2, sub/2]).
-ifdef(TEST).
-include_lib("eunit/include/eunit.hrl").
-endif.

add(A, B) -> A + B.
sub(A, B) -> A - B.

-ifdef(TEST).
add_test() -> ?assertEqual(3, add(1, 2)).
-endif.
