%% krarup_report: the text of OTP 25's default logger output (logger_formatter with the legacy
%% header) and of the reports the behaviours log: the `=LEVEL REPORT====` header, messages and
%% report maps, proc_lib's CRASH REPORT, gen_server's "Generic server ... terminating" report,
%% and the shell-style exception lines (OTP's erl_error) those reports embed. Supervisor,
%% gen_statem and gen_event call header/3, message/2 and format_exception/4 for theirs.
-module(krarup_report).
-export([header/3, message/2, format_report/1, crash_report/1, gen_server_report/1,
         format_exception/4, format_exception/3, format_mfa/1]).

%% ---- header ----

%% "=ERROR REPORT==== 7-Dec-2026::10:10:19.401048 ===\n" for Level (an atom) at Time (system
%% time in microseconds, shown in local time); the error_logger type in Metadata names crash,
%% supervisor and progress reports.
header(Level, Metadata, Time) ->
    Kind = case Metadata of
               #{error_logger := #{type := crash_report}} -> "CRASH";
               #{error_logger := #{type := supervisor_report}} -> "SUPERVISOR";
               #{error_logger := #{type := progress}} -> "PROGRESS";
               _ -> string:uppercase(atom_to_list(Level))
           end,
    ["=", Kind, " REPORT==== ", timestamp_text(Time), " ===\n"].

timestamp_text(MicroSecs) ->
    Secs = MicroSecs div 1000000,
    Micro = MicroSecs rem 1000000,
    Utc = calendar:gregorian_seconds_to_datetime(Secs + 62167219200),
    {{Y, Mo, D}, {H, Mi, S}} = erlang:universaltime_to_localtime(Utc),
    io_lib:format("~w-~s-~4.10.0B::~2.10.0B:~2.10.0B:~2.10.0B.~6.10.0B",
                  [D, month(Mo), Y, H, Mi, S, Micro]).

month(M) ->
    element(M, {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                "Dec"}).

%% ---- message bodies ----

%% The body text (chardata, no trailing newline added) of a logged message: a string, a
%% {Format, Args} pair, or a report formatted by the metadata's report_cb or by default.
message({Format, Args}, _Metadata) when is_list(Args) ->
    try io_lib:format(Format, Args)
    catch _:_ -> io_lib:format("FORMAT ERROR: ~tp - ~tp", [Format, Args])
    end;
message(Report, Metadata) when is_map(Report);
                               is_list(Report), Report =/= [], is_tuple(hd(Report)),
                               tuple_size(hd(Report)) =:= 2 ->
    case Metadata of
        #{report_cb := Fun} when is_function(Fun, 1) ->
            {F, A} = Fun(Report),
            message({F, A}, #{});
        #{report_cb := Fun} when is_function(Fun, 2) ->
            Fun(Report, #{depth => unlimited, chars_limit => unlimited, single_line => false});
        _ ->
            {F, A} = format_report(Report),
            io_lib:format(F, A)
    end;
message(String, _Metadata) when is_binary(String) ->
    String;
message(String, _Metadata) when is_list(String) ->
    String;
message(Other, _Metadata) ->
    io_lib:format("~tp", [Other]).

%% OTP 25's logger:format_report/1: a key-value list (or map) as "    Key: Value" lines.
format_report(Report) when is_map(Report) ->
    format_report(maps:to_list(Report));
format_report(Report) when is_list(Report) ->
    case flat(Report) of
        {ok, []} -> {"~tp", [[]]};
        {ok, Flat} -> {"~ts", [Flat]};
        error -> format_term_list(Report, [], [])
    end;
format_report(Report) ->
    {"~tp", [Report]}.

flat(Report) ->
    try lists:flatten(Report) of
        Flat ->
            case io_lib:printable_unicode_list(Flat) of
                true -> {ok, Flat};
                false -> error
            end
    catch _:_ -> error
    end.

format_term_list([{Tag, Data} | T], Format, Args) ->
    PorS = case is_string(Data) of
               true -> "s";
               false -> "p"
           end,
    format_term_list(T, ["    ~tp: ~t" ++ PorS | Format], [Data, Tag | Args]);
format_term_list([Data | T], Format, Args) ->
    format_term_list(T, ["    ~tp" | Format], [Data | Args]);
format_term_list([], Format, Args) ->
    {lists:flatten(lists:join($\n, lists:reverse(Format))), lists:reverse(Args)}.

is_string(L) when is_list(L), L =/= [] ->
    try io_lib:printable_unicode_list(lists:flatten(L))
    catch _:_ -> false
    end;
is_string(_) ->
    false.

%% ---- proc_lib's crash report ----

%% Body of a CRASH REPORT from proc_lib's report [OwnInfo, Neighbours].
crash_report([OwnReport, LinkReport]) ->
    Own = format_rep(OwnReport, "    "),
    Links = lists:join($\n, [neighbour(L) || L <- LinkReport]),
    ["  crasher:\n", Own, "  neighbours:\n", Links].

neighbour({neighbour, Report}) ->
    ["    neighbour:\n" | lists:join($\n, [format_item(I, "      ") || I <- Report])].

format_rep(Report, Indent) ->
    [[format_item(Item, Indent), $\n] || Item <- Report].

format_item({initial_call, {M, F, Args} = StartF}, Indent) ->
    case is_list(Args) of
        true ->
            [Indent, "initial call: ", io_lib:write_atom(M), $:, io_lib:write_atom(F), $/,
             integer_to_list(length(Args))];
        false ->
            tag(Indent, initial_call, StartF)
    end;
format_item({error_info, {Class, Reason, Stack}}, Indent) ->
    [Indent, format_exception(length(Indent) + 1, Class, Reason, Stack)];
format_item({Tag, Data}, Indent) ->
    tag(Indent, Tag, Data).

tag(Indent, Tag, Data) ->
    io_lib:format("~s~p: ~tp", [Indent, Tag, Data]).

%% ---- exceptions, as erl_error:format_exception/6 with proc_lib's and erl_eval's frames hidden ----

format_exception(Class, Reason, Stack) ->
    format_exception(1, Class, Reason, Stack).

%% "exception error: no match of right hand side value 2\n  in function  m:f/1 (m.erl, line 3)"
%% with the `in function` lines indented by Column (1-based column of "exception").
format_exception(Column, Class, Reason, Stack) ->
    Prefix = io_lib:format("exception ~w: ", [Class]),
    Pad = lists:duplicate(Column + 1, $\s),
    Frames = lists:takewhile(fun visible/1, stack(Stack)),
    {Explained, Rest} = explain(Class, Reason, Frames, Column + length(lists:flatten(Prefix))),
    [Prefix, Explained | frames(Rest, Pad, "in function  ")].

stack(Stack) when is_list(Stack) -> [F || F <- Stack, tuple_size(F) =:= 4];
stack(_) -> [].

visible({M, _, _, _}) -> M =/= proc_lib andalso M =/= erl_eval.

frames([], _Pad, _Lead) ->
    [];
frames([Frame | T], Pad, Lead) ->
    ["\n", Pad, Lead, frame(Frame) | frames(T, Pad, "in call from ")].

frame({M, F, A, Loc}) ->
    Call = case A of
               Args when is_list(Args) ->
                   io_lib:format("~tw:~tw(~ts)",
                                 [M, F, lists:join($,, [io_lib:format("~tp", [X]) || X <- Args])]);
               Arity ->
                   io_lib:format("~tw:~tw/~w", [M, F, Arity])
           end,
    case {proplists:get_value(file, Loc), proplists:get_value(line, Loc)} of
        {undefined, _} -> Call;
        {File, undefined} -> [Call, " (", File, ")"];
        {File, Line} -> [Call, io_lib:format(" (~ts, line ~w)", [File, Line])]
    end.

%% The reason's words, and the frames left to print (function_clause shows the first frame's
%% call in the sentence).
explain(error, function_clause, [{M, F, Args, Loc} | Rest], _Col) when is_list(Args) ->
    {["no function clause matching ", frame({M, F, Args, Loc})], Rest};
explain(error, undef, [{M, F, Args, _Loc} | Rest], _Col) when is_list(Args) ->
    {io_lib:format("undefined function ~tw:~tw/~w", [M, F, length(Args)]), Rest};
explain(error, Reason, Frames, Col) ->
    {explain_error(Reason, Col), Frames};
explain(_Class, Reason, Frames, Col) ->
    {pp(Reason, Col), Frames}.

explain_error(badarg, _) -> "bad argument";
explain_error(badarith, _) -> "an error occurred when evaluating an arithmetic expression";
explain_error({badmatch, V}, C) -> ["no match of right hand side value ", pp(V, C + 33)];
explain_error({case_clause, V}, C) -> ["no case clause matching ", pp(V, C + 24)];
explain_error({try_clause, V}, C) -> ["no try clause matching ", pp(V, C + 23)];
explain_error(if_clause, _) -> "no true branch found when evaluating an if expression";
explain_error({badfun, V}, C) -> ["bad function ", pp(V, C + 13)];
explain_error({badarity, {Fun, As}}, _) ->
    {arity, Arity} = erlang:fun_info(Fun, arity),
    io_lib:format("~tp called with ~s", [Fun, argss(length(As), Arity)]);
explain_error({badmap, V}, C) -> ["bad map: ", pp(V, C + 9)];
explain_error({badkey, K}, C) -> ["bad key: ", pp(K, C + 9)];
explain_error({badrecord, R}, C) -> ["bad record ", pp(R, C + 11)];
explain_error(undef, _) -> "undefined function";
explain_error(noproc, _) -> "no such process or port";
explain_error(system_limit, _) -> "a system limit has been reached";
explain_error(timeout_value, _) -> "bad receive timeout value";
explain_error(notalive, _) -> "the node cannot be part of a distributed system";
explain_error({nocatch, V}, C) -> ["uncaught throw ", pp(V, C + 15)];
explain_error(Reason, C) -> pp(Reason, C).

argss(0, _) -> "no arguments";
argss(1, _) -> "one argument";
argss(2, _) -> "two arguments";
argss(N, _) -> integer_to_list(N) ++ " arguments".

pp(Term, Column) ->
    io_lib_pretty:print(Term, Column, 80, -1, unicode, true).

%% "m:f/1" for an {M, F, Args} or {M, F, Arity}.
format_mfa({M, F, A}) when is_list(A) -> format_mfa({M, F, length(A)});
format_mfa({M, F, A}) -> io_lib:format("~tw:~tw/~w", [M, F, A]);
format_mfa(Other) -> io_lib:format("~tp", [Other]).

%% ---- gen_server's reports ----

%% {Format, Args} for gen_server's terminate and no_handle_info reports, as OTP 25's
%% gen_server:format_log/1.
gen_server_report(#{label := {gen_server, terminate}, name := Name, last_message := Msg,
                    state := State, log := Log, reason := Reason, client_info := Client}) ->
    Reason1 = undef_reason(Reason),
    {LogFmt, LogArgs} = case Log of
                            [] -> {"", []};
                            _ -> {"** Log events = ~n** ~tp~n", [Log]}
                        end,
    {ClientFmt, ClientArgs} = client_info(Client),
    {"** Generic server ~tp terminating \n"
     "** Last message in was ~tp~n"
     "** When Server state == ~tp~n"
     "** Reason for termination ==~n** ~tp~n" ++ LogFmt ++ ClientFmt,
     [Name, Msg, State, Reason1] ++ LogArgs ++ ClientArgs};
gen_server_report(#{label := {gen_server, no_handle_info}, module := Mod, message := Msg}) ->
    {"** Undefined handle_info in ~p~n** Unhandled message: ~tp~n", [Mod, Msg]};
gen_server_report(Report) ->
    format_report(Report).

undef_reason({undef, [{M, F, A, L} | MFAs]} = Reason) when is_atom(M), is_atom(F) ->
    case erlang:module_loaded(M) of
        false ->
            {'module could not be loaded', [{M, F, A, L} | MFAs]};
        true ->
            Arity = case A of
                        _ when is_list(A) -> length(A);
                        _ -> A
                    end,
            case erlang:function_exported(M, F, Arity) of
                true -> Reason;
                false -> {'function not exported', [{M, F, A, L} | MFAs]}
            end
    end;
undef_reason(Reason) ->
    Reason.

client_info(undefined) -> {"", []};
client_info({From, dead}) -> {"** Client ~p is dead~n", [From]};
client_info({From, remote}) -> {"** Client ~p is remote on node ~p~n", [From, node(From)]};
client_info({_From, {Name, Stack}}) -> {"** Client ~tp stacktrace~n** ~tp~n", [Name, Stack]}.
