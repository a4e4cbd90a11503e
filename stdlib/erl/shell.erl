%% shell: the Erlang side of krarup's interactive shell (docs/shell.md). The server (the main
%% process `krarup shell` starts) holds the bindings, the history, the records and the options;
%% it compiles each form the embedder sends (krarup_shell:compile/4, by krarup's compiler) into a
%% module with eval/1, has its evaluator process run it, and reports the value or the exception
%% back to the embedder (krarup_shell:reply/1). The evaluator is an ordinary process (self(),
%% flush(), messages); after an exception it dies and a new one takes its place, the bindings
%% kept, as OTP's shell. Local calls in forms come to local_func/2: the shell's own commands
%% here, any other to user_default, shell_default or c.
-module(shell).

-export([start_krarup/0, local_func/2, catch_exception/1, history/1, results/1]).

-record(st, {bindings = [],          % [{Name, Value}], sorted by name
             n = 1,                  % the prompt counter
             history = [],           % [{N, Text, Result}], newest first
             hlimit = 20,
             rlimit = 20,
             records = [],           % [{Name, FieldNames, DefinitionText}], sorted
             catch_exception = false,
             evaluator,
             seq = 0,                % the number of the last form module
             width = 80}).

-define(DEPTH, 30).

%% ---- the server ----

%% The main process of `krarup shell`: waits for {krarup_shell, eval, Text, Width} from the
%% embedder, runs the form and answers {done, Prompt, Failed} through krarup_shell:reply/1.
start_krarup() ->
    process_flag(trap_exit, true),
    loop(#st{evaluator = start_evaluator()}).

loop(S) ->
    receive
        {krarup_shell, eval, Text, Width} ->
            {S1, Failed} = form(Text, S#st{width = Width}),
            krarup_shell:reply({done, S1#st.n, Failed}),
            loop(S1);
        {krarup_shell, interrupt} ->
            loop(S);
        {'EXIT', Pid, _} when Pid =:= S#st.evaluator ->
            loop(S#st{evaluator = start_evaluator()});
        {shell_req, From, Req} ->
            From ! {shell_reply, request(Req, S)},
            loop(S);
        _Other ->
            loop(S)
    end.

%% Compiles and runs one form: the new state and whether it raised an exception (or did not
%% compile). A form that is e(N) alone runs command N again, as erl's shell expands it.
form(Text0, S) ->
    case expand(unicode:characters_to_list(Text0), S) of
        {ok, Text} -> compile_form(Text, S);
        {not_found, N} ->
            show(error, io_lib:format("* ~w: command not found", [N])),
            {S, true}
    end.

expand(Text, S) ->
    case re:run(Text, "^\\s*e\\(\\s*(-?[0-9]+)\\s*\\)\\s*\\.\\s*$",
                [{capture, all_but_first, list}]) of
        {match, [N0]} ->
            N = absolute(list_to_integer(N0), S),
            case command(N, S) of
                {ok, {_, Cmd, _}} -> {ok, Cmd};
                error -> {not_found, N}
            end;
        nomatch -> {ok, relative_history(Text, S)}
    end.

absolute(N, S) when N < 0 -> S#st.n + N;
absolute(N, _S) -> N.

%% v(-K) and e(-K) in a command become v(N - K), e(N - K), as erl keeps them in its history.
relative_history(Text, S) ->
    case re:run(Text, "\\b([ve])\\(\\s*-([0-9]+)\\s*\\)", [{capture, all, index}]) of
        {match, [{Start, Len}, {F, 1}, {K, KL}]} ->
            N = S#st.n - list_to_integer(string:slice(Text, K, KL)),
            Fun = string:slice(Text, F, 1),
            New = [string:slice(Text, 0, Start), Fun, "(", integer_to_list(N), ")",
                   string:slice(Text, Start + Len)],
            relative_history(unicode:characters_to_list(New), S);
        nomatch -> Text
    end.

compile_form(Text, S) ->
    Seq = S#st.seq + 1,
    Mod = list_to_atom("$shell_" ++ integer_to_list(Seq)),
    Names = [N || {N, _} <- S#st.bindings],
    case krarup_shell:compile(Text, Names, Mod, record_text(S)) of
        {error, syntax, Lines} ->
            show(error, lists:join("\n", Lines)),
            {S#st{seq = Seq}, true};
        {error, invalid, Lines} ->
            %% As erl_eval's unbound_var: the counter moves and h() shows the 'EXIT'.
            show(error, lists:join("\n", Lines)),
            {done(Text, {exception, exit, invalid_reason(Lines), []}, S#st{seq = Seq}), true};
        {ok, Bin, Out} ->
            case erlang:load_module(Mod, Bin) of
                {module, Mod} ->
                    Values = [V || {_, V} <- S#st.bindings],
                    run(Text, Mod, Values, Out, S#st{seq = Seq});
                Error ->
                    show(error, io_lib:format("* cannot load the form: ~tp", [Error])),
                    {S#st{seq = Seq}, false}
            end
    end.

run(Text, Mod, Values, Out, S) ->
    Eval = S#st.evaluator,
    Eval ! {eval, self(), Mod, Values, S#st.bindings},
    wait(Eval, Text, Out, S).

wait(Eval, Text, Out, S) ->
    receive
        {krarup_shell, interrupt} ->
            exit(Eval, kill),
            wait(Eval, Text, Out, S);
        {shell_req, From, Req} ->
            case Req of
                {f, all} -> wait(Eval, Text, Out, forget(all, S));
                {f, Name} -> wait(Eval, Text, Out, forget([Name], S));
                _ ->
                    {Reply, S1} = request_state(Req, S),
                    From ! {shell_reply, Reply},
                    wait(Eval, Text, Out, S1)
            end;
        {eval_value, Eval, Value, NewValues} ->
            Bs = merge(lists:zip(Out, NewValues), S#st.bindings),
            show(result, pp(Value, 1, S)),
            {done(Text, {value, Value}, S#st{bindings = Bs}), false};
        {eval_not_found, Eval, N} ->
            %% erl finds v(N) and e(N) before evaluating: the counter stays.
            show(error, io_lib:format("* ~w: command not found", [N])),
            {S, true};
        {eval_exception, Eval, Class, Reason, Stack} ->
            show(error, caught(S#st.catch_exception, format_exception(Class, Reason, Stack))),
            S1 = case S#st.catch_exception of
                     true -> S;
                     false -> receive_exit(Eval, S)
                 end,
            {done(Text, {exception, Class, Reason, Stack}, S1), true};
        {'EXIT', Eval, Reason} ->
            show(error, format_exception(exit, Reason, [])),
            S1 = S#st{evaluator = start_evaluator()},
            {done(Text, {exception, exit, Reason, []}, S1), true}
    end.

%% The evaluator that raised an exception exits with it; a new one takes its place.
receive_exit(Eval, S) ->
    receive
        {'EXIT', Eval, _} -> ok
    after 5000 -> exit(Eval, kill)
    end,
    S#st{evaluator = start_evaluator()}.

invalid_reason([Line | _]) ->
    case re:run(Line, "variable '(.*)' is unbound", [{capture, all_but_first, list}, unicode]) of
        {match, [Name]} -> {unbound_var, list_to_atom(Name)};
        _ -> {invalid, unicode:characters_to_list(Line)}
    end;
invalid_reason([]) -> invalid.

done(Text, Result, S) ->
    N = S#st.n,
    H = trim([{N, Text, Result} | S#st.history], S#st.hlimit, S#st.rlimit),
    S#st{n = N + 1, history = H}.

%% Keeps HL commands, and the results of the RL newest.
trim(History, HL, RL) ->
    Kept = lists:sublist(History, max(HL, 0)),
    {New, Old} = lists:split(min(max(RL, 0), length(Kept)), Kept),
    New ++ [{N, T, none} || {N, T, _} <- Old].

merge(New, Bs) ->
    lists:ukeymerge(1, lists:ukeysort(1, New), Bs).

forget(all, S) -> S#st{bindings = []};
forget(Names, S) -> S#st{bindings = [B || {N, _} = B <- S#st.bindings, not lists:member(N, Names)]}.

show(Kind, Text) ->
    krarup_shell:reply({show, Kind, unicode:characters_to_binary(Text)}).

%% ---- what the evaluator asks of the server ----

request(Req, S) ->
    element(1, request_state(Req, S)).

request_state(b, S) ->
    {[[atom_to_list(N), " = ", pp(V, length(atom_to_list(N)) + 4, S), "\n"]
      || {N, V} <- S#st.bindings], S};
request_state({v, N}, S) -> {value_of(absolute(N, S), S), S};
request_state({e, N}, S) ->
    case command(N, S) of
        {ok, {_, Text, _}} ->
            Seq = S#st.seq + 1,
            Mod = list_to_atom("$shell_" ++ integer_to_list(Seq)),
            {{ok, Text, Mod, record_text(S)}, S#st{seq = Seq}};
        error -> {error, S}
    end;
request_state(h, S) -> {history_text(S), S};
request_state({history, N}, S) ->
    {S#st.hlimit, S#st{hlimit = N, history = trim(S#st.history, N, S#st.rlimit)}};
request_state({results, N}, S) ->
    {S#st.rlimit, S#st{rlimit = N, history = trim(S#st.history, S#st.hlimit, N)}};
request_state({catch_exception, B}, S) ->
    {S#st.catch_exception, S#st{catch_exception = B}};
request_state({rd, Name, Fields, Text}, S) ->
    %% Defined records reach forms through their text (record_text/1).
    Rs = lists:keystore(Name, 1, S#st.records, {Name, Fields, Text}),
    {ok, S#st{records = lists:keysort(1, Rs)}};
request_state({rf, all}, S) -> {ok, S#st{records = []}};
request_state({rf, Names}, S) ->
    {ok, S#st{records = [R || {N, _, _} = R <- S#st.records, not lists:member(N, Names)]}};
request_state({rl, all}, S) -> {[T || {_, _, T} <- S#st.records], S};
request_state({rl, Names}, S) ->
    {[T || {N, _, T} <- S#st.records, lists:member(N, Names)], S};
request_state({rp, Term}, S) -> {pp(Term, 1, S), S};
request_state(_, S) -> {error, S}.

command(N, S) when is_integer(N), N < 0 -> command(S#st.n + N, S);
command(N, S) ->
    case lists:keyfind(N, 1, S#st.history) of
        false -> error;
        C -> {ok, C}
    end.

value_of(N, S) ->
    case command(N, S) of
        {ok, {_, _, {value, V}}} -> {ok, V};
        {ok, {_, _, {exception, C, R, St}}} -> {ok, {'EXIT', exit_reason(C, R, St)}};
        _ -> error
    end.

exit_reason(error, R, St) -> {R, St};
exit_reason(exit, R, _) -> R;
exit_reason(throw, R, St) -> {{nocatch, R}, St}.

history_text(S) ->
    [[integer_to_list(N), ": ", expr_text(T), "\n",
      case R of
          {value, V} -> ["-> ", pp(V, 4, S), "\n"];
          {exception, C, Re, St} -> ["-> ", pp({'EXIT', exit_reason(C, Re, St)}, 4, S), "\n"];
          none -> []
      end] || {N, T, R} <- lists:reverse(S#st.history)].

%% A command's text as h() shows it: krarup's compiler prints it as erl_pp would.
expr_text(Text) ->
    case krarup_shell:pp_form(Text) of
        {ok, Pp} -> Pp;
        error -> string:trim(Text)
    end.

record_text(S) ->
    unicode:characters_to_binary([[T, "\n"] || {_, _, T} <- S#st.records]).

%% ---- printing ----

%% As OTP's shell: ~p at the terminal's width, depth 30, at most 60 characters a line.
pp(Term, Col, S) ->
    io_lib_pretty:print(Term, Col, S#st.width, ?DEPTH, unicode, true,
                        [{records, [{N, Fs} || {N, Fs, _} <- S#st.records]},
                         {line_max_chars, 60}]).

%% "** exception error: ..." as erl's shell prints it: the frames of the shell's own modules left
%% out, and an undefined shell command named as such.
format_exception(error, undef, [{shell_default, F, Args, _} | _]) ->
    io_lib:format("** exception error: undefined shell command ~tw/~w", [F, length(Args)]);
format_exception(Class, Reason, Stack) ->
    Frames = [Fr || Fr <- stack(Stack), not own_frame(Fr)],
    Text = krarup_shell:format_exception(Class, Reason, Frames),
    [Text | hint(Class, Reason, Frames)].

%% With catch_exception(true) erl prints the report with one `*` and one column less.
caught(false, Text) -> Text;
caught(true, Text) ->
    case string:split(unicode:characters_to_list(Text), "\n", all) of
        ["** " ++ First | Rest] -> lists:join("\n", ["* " ++ First | [tl(L) || L <- Rest]]);
        _ -> Text
    end.

stack(Stack) when is_list(Stack) -> [F || F <- Stack, is_tuple(F), tuple_size(F) =:= 4];
stack(_) -> [].

own_frame({M, _, _, _}) ->
    M =:= shell orelse lists:prefix("$shell_", atom_to_list(M)).

%% krarup_hint's did-you-mean lines after an undefined function, if that module is there.
hint(error, undef, [{M, F, Args, _} | _]) when is_list(Args) ->
    case code:ensure_loaded(krarup_hint) of
        {module, krarup_hint} ->
            case catch krarup_hint:undef_hint(M, F, length(Args)) of
                Lines when is_list(Lines), Lines =/= "" -> ["\n", Lines];
                _ -> []
            end;
        _ -> []
    end;
hint(_, _, _) -> [].

%% ---- the evaluator ----

start_evaluator() ->
    Server = self(),
    spawn_link(fun() -> evaluator(Server) end).

evaluator(Server) ->
    receive
        {eval, Server, Mod, Values, Bindings} ->
            put('$shell_server', Server),
            put('$shell_bindings', Bindings),
            try Mod:eval(Values) of
                {Value, New} ->
                    Server ! {eval_value, self(), Value, New},
                    evaluator(Server)
            catch
                throw:{'$shell_not_found', N} ->
                    Server ! {eval_not_found, self(), N},
                    evaluator(Server);
                Class:Reason:Stack ->
                    Server ! {eval_exception, self(), Class, Reason, Stack},
                    evaluator_after(Server, Class, Reason, Stack)
            end
    end.

%% With catch_exception(true) the evaluator lives on; otherwise it exits with the exception.
evaluator_after(Server, Class, Reason, Stack) ->
    case get('$shell_catch') of
        true -> evaluator(Server);
        _ -> exit(exit_reason(Class, Reason, Stack))
    end.

ask(Req) ->
    Server = get('$shell_server'),
    Server ! {shell_req, self(), Req},
    receive {shell_reply, Reply} -> Reply end.

%% ---- local calls in shell input ----

%% A local call F(Args) typed at the prompt: the shell's own commands, else user_default,
%% shell_default or c when it exports F/A, else "undefined shell command F/A".
local_func(b, []) ->
    io:put_chars(ask(b)),
    ok;
local_func(f, []) ->
    tell({f, all}),
    ok;
local_func(f, [Name]) when is_atom(Name) ->
    tell({f, Name}),
    ok;
local_func(h, []) ->
    io:put_chars(ask(h)),
    ok;
local_func(v, [N]) when is_integer(N) ->
    case ask({v, N}) of
        {ok, V} -> V;
        error -> throw({'$shell_not_found', N})
    end;
local_func(e, [N]) when is_integer(N) ->
    case ask({e, N}) of
        {ok, Text, Mod, Records} ->
            Bs = get('$shell_bindings'),
            case krarup_shell:compile(Text, [K || {K, _} <- Bs], Mod, Records) of
                {ok, Bin, _} ->
                    {module, Mod} = erlang:load_module(Mod, Bin),
                    {Value, _} = Mod:eval([V || {_, V} <- Bs]),
                    Value;
                {error, _, Lines} ->
                    erlang:error({shell_error, Lines})
            end;
        error -> throw({'$shell_not_found', N})
    end;
local_func(history, [N]) when is_integer(N), N >= 0 -> ask({history, N});
local_func(results, [N]) when is_integer(N), N >= 0 -> ask({results, N});
local_func(catch_exception, [B]) when is_boolean(B) ->
    put('$shell_catch', B),
    ask({catch_exception, B});
local_func(rd, [Name, {Text, Fields}]) when is_atom(Name), is_list(Text) ->
    Def = ["-record(", io_lib:write_atom(Name), ",", Text, ")."],
    ok = ask({rd, Name, Fields, unicode:characters_to_binary(Def)}),
    Name;
local_func(rf, []) ->
    ask({rf, all}),
    [];
local_func(rf, [Names]) when is_list(Names) -> ask({rf, Names});
local_func(rf, [Name]) when is_atom(Name) -> ask({rf, [Name]});
local_func(rl, []) -> list_records(ask({rl, all}));
local_func(rl, [Names]) when is_list(Names) -> list_records(ask({rl, Names}));
local_func(rl, [Name]) when is_atom(Name) -> list_records(ask({rl, [Name]}));
local_func(rp, [Term]) ->
    io:put_chars([ask({rp, Term}), "\n"]),
    ok;
local_func(rr, [What]) -> read_records(What, all);
local_func(rr, [What, Names]) -> read_records(What, Names);
local_func(F, Args) ->
    A = length(Args),
    case exported(user_default, F, A) of
        true -> apply(user_default, F, Args);
        false ->
            case exported(shell_default, F, A) of
                true -> apply(shell_default, F, Args);
                false ->
                    case exported(c, F, A) of
                        true -> apply(c, F, Args);
                        false -> erlang:raise(error, undef, [{shell_default, F, Args, []}])
                    end
            end
    end.

list_records(Texts) ->
    [io:put_chars([T, "\n"]) || T <- Texts],
    ok.

%% rr(Module | File | Wildcard, all | Name | [Name]): reads the records of the source files and
%% defines them in the shell; the names read, sorted.
read_records(What, Sel) ->
    case record_files(What) of
        [] -> {error, nofile};
        Files ->
            Defs = lists:append([Ds || F <- Files, {ok, Ds} <- [krarup_shell:file_records(F)]]),
            Chosen = [D || {N, _, _} = D <- Defs, selected(N, Sel)],
            [ok = ask({rd, N, Fs, T}) || {N, Fs, T} <- Chosen],
            lists:usort([N || {N, _, _} <- Chosen])
    end.

selected(_, all) -> true;
selected(_, '_') -> true;
selected(N, Names) when is_list(Names) -> lists:member(N, Names);
selected(N, Name) -> N =:= Name.

%% The source files rr/1 reads: Module.erl in the current directory or on the code path, or the
%% files a name or wildcard matches.
record_files(Mod) when is_atom(Mod) ->
    Base = atom_to_list(Mod) ++ ".erl",
    Found = [P || D <- ["." | code:get_path()],
                  P <- [filename:join(D, Base)],
                  filelib:is_regular(P)],
    lists:sublist(Found, 1);
record_files(Path) when is_list(Path) ->
    case lists:any(fun(C) -> lists:member(C, "*?[{") end, Path) of
        true -> filelib:wildcard(Path);
        false ->
            case filelib:is_regular(Path) of
                true -> [Path];
                false -> []
            end
    end;
record_files(_) -> [].

tell(Req) ->
    Server = get('$shell_server'),
    Server ! {shell_req, self(), Req}.

exported(M, F, A) ->
    case code:ensure_loaded(M) of
        {module, M} -> erlang:function_exported(M, F, A);
        _ -> false
    end.

%% catch_exception/1, history/1 and results/1 as functions of this module (erl's shell exports
%% them too); called outside a shell they do nothing.
catch_exception(B) -> local_func(catch_exception, [B]).
history(N) -> local_func(history, [N]).
results(N) -> local_func(results, [N]).
