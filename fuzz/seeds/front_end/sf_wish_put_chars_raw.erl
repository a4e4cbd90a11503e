-module(sf_wish_put_chars_raw).
-export([main/0]).

%% io:put_chars of a binary that is not valid UTF-8: erl writes the bytes as they are,
%% krarup raises badarg (the native krarup_io:put_chars decodes the binary as UTF-8).
main() ->
    R = try io:put_chars(<<"caf", 233, "\n">>) of
            V -> V
        catch
            C:E -> {C, E}
        end,
    io:format("~p~n", [R]),
    ok.
