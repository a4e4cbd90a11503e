%% filelib: is_file/1, is_dir/1, is_regular/1, ensure_dir/1, file_size/1, last_modified/1 and
%% wildcard/1,2 of OTP 25, over file:read_file_info/1 and file:list_dir/1. Wildcard patterns:
%% ?, *, [a-z] / [abc], {x,y}, and ** (any number of directory levels); results sorted. As in
%% OTP, * also matches names starting with ".".
-module(filelib).

-export([is_file/1, is_dir/1, is_regular/1, ensure_dir/1, file_size/1, last_modified/1,
         wildcard/1, wildcard/2]).

-record(file_info, {size, type, access, atime, mtime, ctime, mode, links, major_device,
                    minor_device, inode, uid, gid}).

%% True for an existing file or directory.
is_file(Name) ->
    case file:read_file_info(Name) of
        {ok, #file_info{type = T}} -> T =:= regular orelse T =:= directory;
        _ -> false
    end.

is_dir(Name) -> type(Name) =:= directory.
is_regular(Name) -> type(Name) =:= regular.

type(Name) ->
    case file:read_file_info(Name) of
        {ok, #file_info{type = T}} -> T;
        _ -> none
    end.

file_size(Name) ->
    case file:read_file_info(Name) of
        {ok, #file_info{size = S}} -> S;
        _ -> 0
    end.

last_modified(Name) ->
    case file:read_file_info(Name) of
        {ok, #file_info{mtime = T}} -> T;
        _ -> 0
    end.

%% Makes every parent directory of Name (not Name itself): ok or {error, Posix}.
ensure_dir(Name) ->
    Dir = filename:dirname(Name),
    case is_dir(Dir) of
        true -> ok;
        false ->
            case ensure_dir(Dir) of
                ok ->
                    %% Something already there is fine here; a file in the way shows up
                    %% as enotdir one level down (as in OTP).
                    case file:make_dir(Dir) of
                        {error, eexist} -> ok;
                        Other -> Other
                    end;
                Error -> Error
            end
    end.

wildcard(Pattern) -> wildcard(Pattern, ".").

%% The names matching Pattern, relative to Cwd unless Pattern is absolute; sorted.
wildcard(Pattern0, Cwd0) ->
    Pattern = filename:flatten(str(Pattern0)),
    Cwd = str(Cwd0),
    {Root, Parts} = case filename:split(Pattern) of
                        ["/" | Ps] -> {"/", Ps};
                        Ps -> {[], Ps}
                    end,
    Found = match(Parts, Root, Cwd),
    lists:usort(Found).

%% The names (as written: Prefix ++ matched parts) that match the remaining parts.
match([], Prefix, _Cwd) -> [Prefix];
match(["**" | Rest], Prefix, Cwd) ->
    Here = match(Rest, Prefix, Cwd),
    Subdirs = [P || P <- entries(Prefix, Cwd), is_dir(in(Cwd, join(Prefix, P)))],
    Here ++ lists:append([match(["**" | Rest], join(Prefix, D), Cwd) || D <- Subdirs]);
match([Part | Rest], Prefix, Cwd) ->
    case has_wild(Part) of
        false ->
            Name = join(Prefix, Part),
            case Rest =:= [] andalso not exists(in(Cwd, Name)) of
                true -> [];
                false ->
                    case Rest =/= [] andalso not is_dir(in(Cwd, Name)) of
                        true -> [];
                        false -> match(Rest, Name, Cwd)
                    end
            end;
        true ->
            Pat = compile(Part),
            Names = [N || N <- entries(Prefix, Cwd), matches(Pat, N)],
            lists:append([match(Rest, join(Prefix, N), Cwd) || N <- Names])
    end.

exists(Name) ->
    case file:read_link_info(Name) of
        {ok, _} -> true;
        _ -> false
    end.

entries(Prefix, Cwd) ->
    Dir = case Prefix of
              [] -> Cwd;
              _ -> in(Cwd, Prefix)
          end,
    case file:list_dir(Dir) of
        {ok, Names} -> Names;
        _ -> []
    end.

join([], Name) -> Name;
join("/", Name) -> "/" ++ Name;
join(Prefix, Name) -> Prefix ++ "/" ++ Name.

in(_Cwd, [$/ | _] = Name) -> Name;
in(".", Name) -> Name;
in(Cwd, Name) -> Cwd ++ "/" ++ Name.

has_wild(Part) -> lists:any(fun(C) -> lists:member(C, "?*[{") end, Part).

%% A component pattern as a list of: char, any (?), star (*), {class, Ranges},
%% {alt, [Pattern]}.
compile([]) -> [];
compile([$? | T]) -> [any | compile(T)];
compile([$* | T]) -> [star | compile(T)];
compile([$[ | T]) ->
    {Ranges, Rest} = class(T, []),
    [{class, Ranges} | compile(Rest)];
compile([${ | T]) ->
    {Alts, Rest} = alts(T, [], []),
    [{alt, [compile(A) ++ compile(Rest) || A <- Alts]}];
compile([$\\, C | T]) -> [C | compile(T)];
compile([C | T]) -> [C | compile(T)].

class([$] | T], Acc) -> {lists:reverse(Acc), T};
class([A, $-, B | T], Acc) when B =/= $] -> class(T, [{A, B} | Acc]);
class([C | T], Acc) -> class(T, [{C, C} | Acc]);
class([], Acc) -> {lists:reverse(Acc), []}.

alts([$} | T], Cur, Acc) -> {lists:reverse([lists:reverse(Cur) | Acc]), T};
alts([$, | T], Cur, Acc) -> alts(T, [], [lists:reverse(Cur) | Acc]);
alts([C | T], Cur, Acc) -> alts(T, [C | Cur], Acc);
alts([], Cur, Acc) -> {lists:reverse([lists:reverse(Cur) | Acc]), []}.

matches([], []) -> true;
matches([{alt, Alts}], Name) -> lists:any(fun(A) -> matches(A, Name) end, Alts);
matches([star | T], Name) ->
    matches(T, Name) orelse (Name =/= [] andalso matches([star | T], tl(Name)));
matches([any | T], [_ | Name]) -> matches(T, Name);
matches([{class, Rs} | T], [C | Name]) ->
    lists:any(fun({A, B}) -> C >= A andalso C =< B end, Rs) andalso matches(T, Name);
matches([C | T], [C | Name]) -> matches(T, Name);
matches(_, _) -> false.

str(B) when is_binary(B) -> unicode:characters_to_list(B);
str(A) when is_atom(A) -> atom_to_list(A);
str(L) -> L.
