%% krarup_explain: the text of the shell's i(Term) (shell_default:i/1), beyond erl and after
%% IEx's i/1: what a value is, how the shell prints it, and why (a list of character codes
%% prints as a string), with its raw form. Sections: Term, Data type, Description, Raw
%% representation, Reference modules; each body indented by two spaces.
-module(krarup_explain).

-export([explain/1]).

%% The explanation of Term, as a flat string ending in a newline.
explain(Term) ->
    {Type, Description, Modules} = describe(Term),
    lists:flatten(
      [section("Term", io_lib:format("~tp", [Term])),
       section("Data type", Type),
       section("Description", wrap(lists:flatten(Description))),
       section("Raw representation", io_lib:format("~w", [Term])),
       section("Reference modules", lists:join(", ", [atom_to_list(M) || M <- Modules]))]).

%% Each line of Text broken at spaces into lines of at most ?WIDTH characters.
wrap(Text) ->
    lists:join("\n", [wrap_line(string:split(Line, " ", all), 0, [])
                      || Line <- string:split(Text, "\n", all)]).

-define(WIDTH, 76).

wrap_line([], _, Acc) -> lists:reverse(Acc);
wrap_line([Word | Words], 0, Acc) -> wrap_line(Words, length(Word), [Word | Acc]);
wrap_line([Word | Words], Used, Acc) when Used + 1 + length(Word) > ?WIDTH ->
    wrap_line(Words, length(Word), [Word, $\n | Acc]);
wrap_line([Word | Words], Used, Acc) -> wrap_line(Words, Used + 1 + length(Word), [Word, $\s | Acc]).

section(Title, Body) ->
    Lines = string:split(lists:flatten(Body), "\n", all),
    [Title, $\n, [["  ", L, $\n] || L <- Lines]].

%% {Data type, Description, Reference modules} of a term.
describe(I) when is_integer(I) ->
    Char = case is_printable_char(I) of
               true -> io_lib:format("~nIt is also the character code of ~ts.", [char_text(I)]);
               false -> ""
           end,
    {"integer",
     ["An integer; Erlang integers have no size limit.", Char],
     [erlang, math]};
describe(F) when is_float(F) ->
    {"float",
     "A 64-bit IEEE 754 double, printed with the fewest digits that read back as the same "
     "float.",
     [erlang, math]};
describe(B) when is_boolean(B) ->
    {"atom (a boolean)",
     "The atom true or false: Erlang has no separate boolean type, guards and `andalso`, "
     "`orelse`, `not` work on these two atoms.",
     [erlang]};
describe(A) when is_atom(A) ->
    Quoted = case io_lib:write_atom(A) of
                 [$' | _] -> "\nIts name must be quoted to be written.";
                 _ -> ""
             end,
    Module = case code:is_loaded(A) of
                 {file, _} ->
                     io_lib:format("~nIt also names a loaded module: m(~tw) describes it.", [A]);
                 false -> ""
             end,
    {"atom",
     ["An atom: a constant whose value is its name (", integer_to_list(length(atom_to_list(A))),
      " characters).", Quoted, Module],
     [erlang]};
describe([]) ->
    {"list (empty)",
     "The empty list, []. It is also the empty string: \"\" is the same term.",
     [lists]};
describe(L) when is_list(L) ->
    case proper_length(L, 0) of
        {improper, N, Tail} ->
            {"improper list",
             io_lib:format("A list of ~w element~s whose last tail is ~tw, not []: "
                           "length/1 and most of the lists module refuse it.",
                           [N, plural(N), Tail]),
             [erlang]};
        N ->
            describe_list(L, N)
    end;
describe(B) when is_binary(B) ->
    Text = case B =/= <<>> andalso printable_binary(B) of
               true ->
                   ["\nIts bytes are printable text, so it is printed as a string in << >>; ",
                    "the raw representation shows the bytes."];
               false -> ""
           end,
    {"binary",
     [io_lib:format("A binary of ~w byte~s.", [byte_size(B), plural(byte_size(B))]), Text],
     [binary, unicode]};
describe(B) when is_bitstring(B) ->
    {"bitstring",
     io_lib:format("A bitstring of ~w bits: not a whole number of bytes, so not a binary.",
                   [bit_size(B)]),
     [erlang]};
describe(T) when is_tuple(T) ->
    Record = case tuple_size(T) >= 1 andalso is_atom(element(1, T)) of
                 true ->
                     io_lib:format("~nIf it is a record it is a #~tw{} with ~w field~s: a record "
                                   "is a tuple tagged with its name.",
                                   [element(1, T), tuple_size(T) - 1, plural(tuple_size(T) - 1)]);
                 false -> ""
             end,
    {"tuple",
     [io_lib:format("A tuple of ~w element~s.", [tuple_size(T), plural(tuple_size(T))]), Record],
     [erlang]};
describe(M) when is_map(M) ->
    {"map",
     io_lib:format("A map of ~w key~s; the shell prints the keys in term order.",
                   [map_size(M), plural(map_size(M))]),
     [maps]};
describe(F) when is_function(F) ->
    {module, M} = erlang:fun_info(F, module),
    {name, Name} = erlang:fun_info(F, name),
    {arity, A} = erlang:fun_info(F, arity),
    Text = case erlang:fun_info(F, type) of
               {type, external} ->
                   io_lib:format("A fun referring to ~w:~tw/~w by name (fun M:F/A): a call runs "
                                 "the module's current code.", [M, Name, A]);
               {type, local} ->
                   io_lib:format("A fun of arity ~w defined in module ~w (~tw): it runs the "
                                 "code of the module version that created it.", [A, M, Name])
           end,
    {"fun", Text, [erlang]};
describe(P) when is_pid(P) ->
    State = case erlang:process_info(P, registered_name) of
                undefined -> "is no longer alive.";
                {registered_name, Name} when is_atom(Name) ->
                    io_lib:format("is alive, registered as ~tw: process_info/1 and i() show "
                                  "more.", [Name]);
                _ -> "is alive: process_info/1 and i() show more."
            end,
    {"pid", ["A process identifier. The process ", State], [erlang]};
describe(P) when is_port(P) ->
    {"port", "A port identifier: a link to a resource outside the runtime.", [erlang]};
describe(R) when is_reference(R) ->
    {"reference",
     "A reference: a term unique in this runtime (make_ref/0, monitors, timers, aliases).",
     [erlang]}.

describe_list(L, N) ->
    Ints = lists:all(fun is_integer/1, L),
    case io_lib:printable_list(L) of
        true ->
            {"list (printed as a string)",
             io_lib:format("A list of ~w integer~s, each a printable character code, so it is "
                           "printed as a string: in Erlang a string is such a list.~n"
                           "The raw representation (io:format(\"~~w\", [Term])) shows the "
                           "integers.", [N, plural(N)]),
             [lists, string]};
        false when Ints ->
            {Pos, Code} = first_unprintable(L, 1),
            {"list",
             io_lib:format("A list of ~w integer~s. It is not printed as a string: element ~w "
                           "(~w) is not a printable character code.",
                           [N, plural(N), Pos, Code]),
             [lists]};
        false ->
            {"list", io_lib:format("A proper list of ~w element~s.", [N, plural(N)]), [lists]}
    end.

proper_length([_ | T], N) -> proper_length(T, N + 1);
proper_length([], N) -> N;
proper_length(Tail, N) -> {improper, N, Tail}.

first_unprintable([C | T], Pos) ->
    case io_lib:printable_list([C]) of
        true -> first_unprintable(T, Pos + 1);
        false -> {Pos, C}
    end.

printable_binary(B) ->
    case unicode:characters_to_list(B) of
        L when is_list(L) -> io_lib:printable_list(L);
        _ -> io_lib:printable_list(binary_to_list(B))
    end.

is_printable_char(I) -> I >= 0 andalso I =< 16#10FFFF andalso io_lib:printable_list([I]).

%% $c as the character's string form writes it ($a, $\n).
char_text(I) ->
    Quoted = lists:flatten(io_lib:format("~tp", [[I]])),
    [$$ | lists:sublist(Quoted, 2, length(Quoted) - 2)].

plural(1) -> "";
plural(_) -> "s".
