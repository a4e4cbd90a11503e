-module(ce_bad_literals).
-export([main/0]).

main() ->
    A = 16#FG,
    B = 1.0e999,
    {A, B}.

other() -> 'never closed.
