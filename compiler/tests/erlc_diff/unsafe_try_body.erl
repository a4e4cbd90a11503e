-module(unsafe_try_body).
-export([main/0]).
main() ->
    try
        V = 1,
        V + 1
    after
        ok
    end,
    V.
