-module(try_clause_of).
-export([main/0]).

main() ->
    R = try
            try ok of
                error -> no
            catch
                _:_ -> inner
            end
        catch
            error:Reason -> {outer, Reason}
        end,
    io:format("~p~n", [R]),
    R2 = try
             try erlang:throw(not_matched) of
                 _ -> value
             catch
                 throw:matched -> inner
             end
         catch
             throw:Other -> {escaped, Other}
         end,
    io:format("~p~n", [R2]).
