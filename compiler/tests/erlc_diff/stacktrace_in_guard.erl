-module(stacktrace_in_guard).
-export([f/1]).

f(X) ->
    try X() of
        V -> V
    catch
        error:R:S when length(S) > 0, R =/= x -> {R, S};
        throw:T:Stack when is_list(Stack); T =:= Stack -> T;
        _:_:S2 -> S2
    end.
