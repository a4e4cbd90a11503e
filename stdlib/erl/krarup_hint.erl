%% krarup_hint: the "did you mean" line the shell prints after an `undef` (beyond OTP 25, after
%% OTP 28's compiler hints): the module's other arities of the function, its exported functions
%% with close names (Jaro-Winkler similarity, as OTP 28 ranks candidates), a function that
%% exists but is not exported, or close module names when the module does not exist.
-module(krarup_hint).

-export([undef_hint/3, similarity/2]).

%% Names at least this similar are suggested (OTP 28 also keeps candidates above 0.8).
-define(THRESHOLD, 0.8).
%% At most this many suggestions,
-define(MAX, 3).
%% each at most this much less similar than the closest.
-define(NEAR, 0.05).

%% One line of advice for an undefined Module:Function/Arity, without a newline, or "" when there
%% is none: "did you mean lists:sort/1?", "m:helper/1 is not exported; add
%% -export([helper/1]) to m", "module listz is not available".
undef_hint(Module, Function, Arity)
  when is_atom(Module), is_atom(Function), is_integer(Arity), Arity >= 0 ->
    case exports(Module) of
        {ok, Exports} -> function_hint(Module, Function, Arity, Exports);
        error -> module_hint(Module, Function, Arity)
    end;
undef_hint(_, _, _) -> "".

function_hint(M, F, A, Exports) ->
    case lists:member({F, A}, Exports) of
        true -> "";
        false ->
            case lists:member({F, A}, functions(M)) of
                true ->
                    lists:flatten(io_lib:format("~w:~tw/~w is not exported; add -export([~tw/~w]) "
                                                "to ~w", [M, F, A, F, A, M]));
                false ->
                    case lists:usort([Ar || {F1, Ar} <- Exports, F1 =:= F]) of
                        [] ->
                            Close = [{M, N, Ar} || N <- close_names(F, names(Exports)),
                                                   Ar <- arities_for(N, A, Exports)],
                            did_you_mean(lists:sublist(Close, ?MAX));
                        Arities -> did_you_mean([{M, F, Ar} || Ar <- Arities])
                    end
            end
    end.

%% Close module names; each with Function/Arity when it exports that.
module_hint(M, F, A) ->
    Candidates = [C || C <- close_names(M, known_modules()), C =/= M],
    case Candidates of
        [] -> lists:flatten(io_lib:format("module ~w is not available", [M]));
        _ ->
            did_you_mean([case exports(C) of
                              {ok, Es} ->
                                  case lists:member({F, A}, Es) of
                                      true -> {C, F, A};
                                      false -> {module, C}
                                  end;
                              error -> {module, C}
                          end || C <- Candidates])
    end.

did_you_mean([]) -> "";
did_you_mean(Suggestions) ->
    Texts = [suggestion_text(S) || S <- Suggestions],
    Listed = case lists:reverse(Texts) of
                 [Last] -> Last;
                 [Last | Rest] -> [lists:join(", ", lists:reverse(Rest)), " or ", Last]
             end,
    lists:flatten(["did you mean ", Listed, "?"]).

suggestion_text({module, M}) -> io_lib:format("module ~w", [M]);
suggestion_text({M, F, A}) -> io_lib:format("~w:~tw/~w", [M, F, A]).

%% The arities of Name to suggest: Arity itself when exported, else all its arities.
arities_for(Name, Arity, Exports) ->
    All = lists:usort([A || {N, A} <- Exports, N =:= Name]),
    case lists:member(Arity, All) of
        true -> [Arity];
        false -> All
    end.

names(Exports) -> lists:usort([F || {F, _} <- Exports, F =/= module_info]).

%% The candidates at least ?THRESHOLD similar to Name and almost as similar as the closest
%% (within ?NEAR), most similar first, at most ?MAX.
close_names(Name, Candidates) ->
    Text = atom_to_list(Name),
    Scored = lists:sort([{-similarity(Text, atom_to_list(C)), C} || C <- Candidates, C =/= Name]),
    case Scored of
        [{Best, _} | _] ->
            lists:sublist([C || {S, C} <- Scored, -S >= ?THRESHOLD, S - Best =< ?NEAR], ?MAX);
        [] -> []
    end.

exports(M) ->
    case code:ensure_loaded(M) of
        {module, M} ->
            try erlang:get_module_info(M, exports) of
                Exports -> {ok, Exports}
            catch error:_ -> error
            end;
        _ -> error
    end.

functions(M) ->
    try erlang:get_module_info(M, functions)
    catch error:_ -> []
    end.

%% Loaded modules and the modules on the code path.
known_modules() ->
    Loaded = [M || {M, _} <- code:all_loaded()],
    OnPath = [list_to_atom(filename:basename(F, ".kbc"))
              || Dir <- code:get_path(),
                 F <- case file:list_dir(Dir) of
                          {ok, Fs} -> Fs;
                          {error, _} -> []
                      end,
                 filename:extension(F) =:= ".kbc"],
    lists:usort(Loaded ++ OnPath).

%% The Jaro-Winkler similarity of two strings, from 0.0 (nothing in common) to 1.0 (equal): the
%% Jaro similarity raised for a common prefix of up to four characters.
similarity(S, S) -> 1.0;
similarity(S1, S2) ->
    J = jaro(S1, S2),
    J + common_prefix(S1, S2, 0) * 0.1 * (1 - J).

common_prefix([C | T1], [C | T2], N) when N < 4 -> common_prefix(T1, T2, N + 1);
common_prefix(_, _, N) -> N.

%% Jaro similarity: characters match when equal and at most Window positions apart; t is half
%% the matched characters that appear in a different order.
jaro(S1, S2) ->
    L1 = length(S1),
    L2 = length(S2),
    Window = max(0, max(L1, L2) div 2 - 1),
    T2 = list_to_tuple(S2),
    {Matched1, Used} = match(S1, 1, T2, Window, #{}, []),
    M = length(Matched1),
    case M of
        0 -> 0.0;
        _ ->
            Matched2 = [element(J, T2) || J <- lists:sort(maps:keys(Used))],
            Half = length([x || {A, B} <- lists:zip(Matched1, Matched2), A =/= B]) / 2,
            (M / L1 + M / L2 + (M - Half) / M) / 3
    end.

%% The characters of S1 that match one of T2 (in S1's order), and the positions used in T2.
match([], _, _, _, Used, Acc) -> {lists:reverse(Acc), Used};
match([C | Rest], I, T2, Window, Used, Acc) ->
    From = max(1, I - Window),
    To = min(tuple_size(T2), I + Window),
    case first_free(C, From, To, T2, Used) of
        none -> match(Rest, I + 1, T2, Window, Used, Acc);
        J -> match(Rest, I + 1, T2, Window, Used#{J => true}, [C | Acc])
    end.

first_free(_, J, To, _, _) when J > To -> none;
first_free(C, J, To, T2, Used) ->
    case element(J, T2) =:= C andalso not maps:is_key(J, Used) of
        true -> J;
        false -> first_free(C, J + 1, To, T2, Used)
    end.
