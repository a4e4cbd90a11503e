%% io: output only. Standard output goes through the native
%% krarup_io:put_chars/1 (devices standard_io and user, as in OTP where
%% user is the terminal's stdout); the device standard_error goes through
%% krarup_io:put_chars(standard_error, Chars) to the runtime's stderr.
%% An open file ({file_descriptor, krarup_file, _}, see file.erl) is a device too: output is
%% written to it as bytes (Latin-1, as OTP's default file encoding) and get_line/2 reads a line.
%% Any other device is badarg. No input from standard input.
%% Output capture (EUnit): while a process's group leader is an io server registered with
%% register_server/1, its standard_io output goes to that server as an io request instead
%% (the device user still writes to stdout, as in OTP where user is not the group leader).
-module(io).

-export([format/1, format/2, format/3, fwrite/1, fwrite/2, fwrite/3,
         put_chars/1, put_chars/2, nl/0, nl/1, write/1, write/2,
         setopts/1, setopts/2, getopts/0, getopts/1, columns/0, columns/1,
         rows/0, rows/1, printable_range/0, get_line/2,
         register_server/1, unregister_server/1]).

format(Format) -> format(Format, []).

format(Format, Args) ->
    try io_lib_format:fwrite(Format, Args) of
        Chars -> out(Chars)
    catch
        _:_ -> erlang:error(badarg, [Format, Args])
    end.

format(standard_error, Format, Args) ->
    try io_lib_format:fwrite(Format, Args) of
        Chars -> krarup_io:put_chars(standard_error, Chars)
    catch
        _:_ -> erlang:error(badarg, [standard_error, Format, Args])
    end;
format({file_descriptor, krarup_file, _} = Fd, Format, Args) ->
    try io_lib_format:fwrite(Format, Args) of
        Chars -> file_out(Fd, Chars, [Fd, Format, Args])
    catch
        _:_ -> erlang:error(badarg, [Fd, Format, Args])
    end;
format(user, Format, Args) ->
    try io_lib_format:fwrite(Format, Args) of
        Chars -> krarup_io:put_chars(Chars)
    catch
        _:_ -> erlang:error(badarg, [user, Format, Args])
    end;
format(Dev, Format, Args) ->
    case device(Dev) of
        true -> format(Format, Args);
        false -> erlang:error(badarg, [Dev, Format, Args])
    end.

fwrite(Format) -> format(Format).
fwrite(Format, Args) -> format(Format, Args).
fwrite(Dev, Format, Args) -> format(Dev, Format, Args).

put_chars(Chars) ->
    case is_chardata(Chars) of
        true -> out(Chars);
        false -> erlang:error(badarg, [Chars])
    end.

put_chars(standard_error, Chars) ->
    case is_chardata(Chars) of
        true -> krarup_io:put_chars(standard_error, Chars);
        false -> erlang:error(badarg, [standard_error, Chars])
    end;
put_chars({file_descriptor, krarup_file, _} = Fd, Chars) ->
    file_out(Fd, Chars, [Fd, Chars]);
put_chars(user, Chars) ->
    case is_chardata(Chars) of
        true -> krarup_io:put_chars(Chars);
        false -> erlang:error(badarg, [user, Chars])
    end;
put_chars(Dev, Chars) ->
    case device(Dev) of
        true -> put_chars(Chars);
        false -> erlang:error(badarg, [Dev, Chars])
    end.

nl() -> out("\n").

nl(standard_error) -> krarup_io:put_chars(standard_error, "\n");
nl({file_descriptor, krarup_file, _} = Fd) -> file_out(Fd, "\n", [Fd]);
nl(Dev) ->
    case device(Dev) of
        true -> nl();
        false -> erlang:error(badarg, [Dev])
    end.

write(Term) -> out(io_lib:write(Term)).

write(standard_error, Term) ->
    krarup_io:put_chars(standard_error, io_lib:write(Term));
write({file_descriptor, krarup_file, _} = Fd, Term) ->
    file_out(Fd, io_lib:write(Term), [Fd, Term]);
write(Dev, Term) ->
    case device(Dev) of
        true -> write(Term);
        false -> erlang:error(badarg, [Dev, Term])
    end.

%% Registers Pid as an io server: processes whose group leader it is send it their standard
%% output as io requests ({put_chars, unicode, Chars}) until unregister_server/1.
register_server(Pid) -> persistent_term:put({?MODULE, server, Pid}, true).

unregister_server(Pid) ->
    _ = persistent_term:erase({?MODULE, server, Pid}),
    ok.

%% Standard output: to the group leader if it is a registered io server, else to stdout.
out(Chars) ->
    GL = group_leader(),
    case persistent_term:get({?MODULE, server, GL}, false) of
        true -> request(GL, {put_chars, unicode, Chars});
        false -> krarup_io:put_chars(Chars)
    end.

%% One io request and its reply; a server that is gone gets the output written to stdout.
request(Server, {put_chars, _, Chars} = Req) ->
    Ref = erlang:monitor(process, Server),
    Server ! {io_request, self(), Ref, Req},
    receive
        {io_reply, Ref, Reply} ->
            erlang:demonitor(Ref, [flush]),
            Reply;
        {'DOWN', Ref, process, _, _} ->
            krarup_io:put_chars(Chars)
    end.

%% A line of an open file (with its "\n"), eof, or {error, Reason}; the prompt is not shown.
get_line({file_descriptor, krarup_file, _} = Fd, _Prompt) ->
    case file:read_line(Fd) of
        {ok, Line} -> Line;
        Other -> Other
    end;
get_line(Dev, Prompt) -> erlang:error(badarg, [Dev, Prompt]).

%% Writes Chars to an open file as Latin-1 bytes; badarg (with Args) if it cannot.
file_out(Fd, Chars, Args) ->
    case unicode:characters_to_binary(Chars, unicode, latin1) of
        Bin when is_binary(Bin) ->
            case file:write(Fd, Bin) of
                ok -> ok;
                {error, _} -> erlang:error(terminated, Args)
            end;
        _ -> erlang:error(badarg, Args)
    end.

setopts(_Opts) -> ok.
setopts(_Dev, _Opts) -> ok.

getopts() -> [{binary, false}, {encoding, latin1}].
getopts(_Dev) -> getopts().

%% Like erl -noshell: stdout is not a terminal.
columns() -> {error, enotsup}.
columns(_Dev) -> {error, enotsup}.
rows() -> {error, enotsup}.
rows(_Dev) -> {error, enotsup}.

printable_range() -> latin1.

device(standard_io) -> true;
device(user) -> true;
device(_) -> false.

is_chardata(B) when is_binary(B) -> true;
is_chardata(L) when is_list(L) -> is_chars(L);
is_chardata(_) -> false.

is_chars([C | Cs]) when is_integer(C), C >= 0 -> is_chars(Cs);
is_chars([B | Cs]) when is_binary(B) -> is_chars(Cs);
is_chars([L | Cs]) when is_list(L) -> is_chars(L) andalso is_chars(Cs);
is_chars([]) -> true;
is_chars(B) when is_binary(B) -> true;
is_chars(_) -> false.
