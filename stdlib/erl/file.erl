%% file: the parts of OTP 25's file module written in Erlang, over the krarup_file natives
%% (which ask the embedder; vm/src/bif/file_host.rs). read_file/1, write_file/2, delete/1 and
%% consult/1 are natives of this module (vm/src/bif/file.rs). An open file is
%% {file_descriptor, krarup_file, {Handle, binary | list}}, not an io-server pid as in OTP:
%% io:format/3, io:put_chars/2 and io:get_line/2 accept it (io.erl); it is not closed when
%% its opener exits (spec.md).
-module(file).

%% The records of kernel/include/file.hrl (stdlib/include/kernel/include/file.hrl), here
%% because the stdlib is compiled without include files.
-record(file_info, {size, type, access, atime, mtime, ctime, mode, links, major_device,
                    minor_device, inode, uid, gid}).
-record(file_descriptor, {module, data}).

-export([write_file/3, list_dir/1, make_dir/1, del_dir/1, rename/2, copy/2, copy/3,
         read_file_info/1, read_file_info/2, read_link_info/1, read_link_info/2,
         get_cwd/0, set_cwd/1, path_consult/2, open/2, close/1, read/2, write/2,
         read_line/1, position/2, format_error/1]).

write_file(Name, Data, Modes) when is_list(Modes) ->
    case lists:member(append, Modes) of
        true -> krarup_file:append_file(Name, Data);
        false -> file:write_file(Name, Data)
    end;
write_file(_, _, _) -> {error, badarg}.

list_dir(Name) -> krarup_file:list_dir(Name).
make_dir(Name) -> krarup_file:make_dir(Name).
del_dir(Name) -> krarup_file:del_dir(Name).
rename(From, To) -> krarup_file:rename(From, To).

%% {ok, BytesCopied}: the whole file (copy/3 with infinity) or its first N bytes.
copy(Src, Dest) -> copy(Src, Dest, infinity).

copy(Src, Dest, Len) ->
    case file:read_file(Src) of
        {ok, Bin} ->
            Part = case Len of
                       N when is_integer(N), N < byte_size(Bin) -> binary:part(Bin, 0, N);
                       _ -> Bin
                   end,
            case file:write_file(Dest, Part) of
                ok -> {ok, byte_size(Part)};
                Error -> Error
            end;
        Error -> Error
    end.

read_file_info(Name) -> read_file_info(Name, []).
read_file_info(Name, Opts) -> file_info(Name, true, Opts).
read_link_info(Name) -> read_link_info(Name, []).
read_link_info(Name, Opts) -> file_info(Name, false, Opts).

%% Options as OTP: {time, local | universal | posix}; local time is UTC in krarup.
file_info(Name, Follow, Opts) ->
    case krarup_file:file_info(Name, Follow) of
        {ok, {Size, Type, Access, A, M, C, Mode, Links, Maj, Min, Inode, Uid, Gid}} ->
            T = case proplists:get_value(time, Opts, local) of
                    posix -> fun(S) -> S end;
                    _ -> fun erlang:posixtime_to_universaltime/1
                end,
            {ok, #file_info{size = Size, type = Type, access = Access,
                            atime = T(A), mtime = T(M), ctime = T(C), mode = Mode,
                            links = Links, major_device = Maj, minor_device = Min,
                            inode = Inode, uid = Uid, gid = Gid}};
        Error -> Error
    end.

get_cwd() -> krarup_file:get_cwd().
set_cwd(Dir) -> krarup_file:set_cwd(Dir).

%% The first directory of Path holding Name whose terms can be read:
%% {ok, Terms, FullName}, or the last error ({error, enoent} if none has it).
path_consult(Path, Name) -> path_consult(Path, Name, {error, enoent}).

path_consult([Dir | Dirs], Name, Last) ->
    Full = filename:join(Dir, Name),
    case file:consult(Full) of
        {ok, Terms} -> {ok, Terms, Full};
        {error, enoent} -> path_consult(Dirs, Name, Last);
        {error, Reason} when is_tuple(Reason) -> {error, Reason};
        Error -> path_consult(Dirs, Name, Error)
    end;
path_consult([], _Name, Last) -> Last.

%% Modes as OTP's file:open/2: read, write, append, exclusive, binary, list; the rest (raw,
%% read_ahead, delayed_write, {encoding, E}, ...) are accepted and change nothing, as OTP
%% ignores modes it does not know.
open(Name, Modes) when is_list(Modes) ->
    case open_modes(Modes, [], list) of
        {ok, Flags, Kind} ->
            case krarup_file:open(Name, Flags) of
                {ok, H} -> {ok, #file_descriptor{module = krarup_file, data = {H, Kind}}};
                Error -> Error
            end;
        error -> {error, badarg}
    end;
open(_, _) -> {error, badarg}.

open_modes([M | Ms], Fs, K) when M =:= read; M =:= write; M =:= append; M =:= exclusive ->
    open_modes(Ms, [M | Fs], K);
open_modes([binary | Ms], Fs, _) -> open_modes(Ms, Fs, binary);
open_modes([list | Ms], Fs, _) -> open_modes(Ms, Fs, list);
open_modes([_ | Ms], Fs, K) -> open_modes(Ms, Fs, K);
open_modes([], Fs, K) -> {ok, Fs, K};
open_modes(_, _, _) -> error.

close(#file_descriptor{module = krarup_file, data = {H, _}}) -> krarup_file:close(H);
close(_) -> {error, einval}.

read(#file_descriptor{module = krarup_file, data = {H, K}}, N) when is_integer(N), N >= 0 ->
    krarup_file:read(H, N, K =:= binary);
read(_, _) -> {error, badarg}.

read_line(#file_descriptor{module = krarup_file, data = {H, K}}) ->
    krarup_file:read_line(H, K =:= binary);
read_line(_) -> {error, badarg}.

write(#file_descriptor{module = krarup_file, data = {H, _}}, Data) ->
    krarup_file:write(H, Data);
write(_, _) -> {error, badarg}.

%% Position: an integer (from the start), bof, cur, eof, or {bof | cur | eof, Offset}.
position(#file_descriptor{module = krarup_file, data = {H, _}}, At) ->
    case At of
        N when is_integer(N) -> krarup_file:position(H, {bof, N});
        bof -> krarup_file:position(H, {bof, 0});
        cur -> krarup_file:position(H, {cur, 0});
        eof -> krarup_file:position(H, {eof, 0});
        {W, N} when (W =:= bof orelse W =:= cur orelse W =:= eof), is_integer(N) ->
            krarup_file:position(H, At);
        _ -> {error, einval}
    end;
position(_, _) -> {error, badarg}.

%% OTP's texts for the POSIX errors (file:format_error/1).
format_error({Line, Mod, Reason}) when is_integer(Line) ->
    io_lib:format("~w: ~ts", [Line, Mod:format_error(Reason)]);
format_error(enoent) -> "no such file or directory";
format_error(eacces) -> "permission denied";
format_error(eexist) -> "file already exists";
format_error(eisdir) -> "illegal operation on a directory";
format_error(enotdir) -> "not a directory";
format_error(eperm) -> "not owner";
format_error(einval) -> "invalid argument";
format_error(ebadf) -> "bad file number";
format_error(badarg) -> "bad argument";
format_error(terminated) -> "the file server process is terminated";
format_error(Other) -> io_lib:format("~tp", [Other]).
