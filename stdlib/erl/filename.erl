%% filename: OTP 25's path manipulation for Unix names, in pure Erlang. Names may be strings,
%% deep lists of characters and atoms, atoms or binaries; a binary argument gives binary results
%% (as OTP), everything else strings. Only '/' separates components (krarup runs on Unix).
-module(filename).

-export([join/1, join/2, split/1, basename/1, basename/2, dirname/1, extension/1,
         rootname/1, rootname/2, absname/1, absname/2, flatten/1, pathtype/1, nativename/1]).

%% join([A, B | Rest]): A, B, ... joined with "/"; an absolute part drops what precedes it.
%% Redundant slashes, a "." between slashes and a trailing slash are removed.
join([Name1, Name2 | Rest]) -> join([join(Name1, Name2) | Rest]);
join([Name]) -> out([Name], normalize(str(Name))).

join(Name1, Name2) ->
    A = str(Name1),
    B = str(Name2),
    Joined = case pathtype(B) of
                 absolute -> B;
                 relative -> A ++ "/" ++ B
             end,
    out([Name1, Name2], normalize(Joined)).

normalize(Name) -> normalize(Name, []).

normalize([$/ | T], [$/ | _] = Acc) -> normalize(T, Acc);
normalize([$/ | T], [$., $/ | Acc]) -> normalize(T, [$/ | Acc]);
normalize([C | T], Acc) -> normalize(T, [C | Acc]);
normalize([], [$/ | Acc]) when Acc =/= [] -> lists:reverse(Acc);
normalize([], Acc) -> lists:reverse(Acc).

%% ["/", Dir, ..., Last]: the components, "/" first for an absolute name.
split(Name) ->
    F = str(Name),
    Parts = [P || P <- string:split(F, "/", all), P =/= []],
    Root = case F of
               [$/ | _] -> ["/"];
               _ -> []
           end,
    [out([Name], P) || P <- Root ++ Parts].

%% The last component (a trailing slash ignored).
basename(Name) -> out([Name], last_component(str(Name))).

%% basename/1 without the suffix Ext, if it ends with it (not when Name ends with "/").
basename(Name, Ext) ->
    F = str(Name),
    E = str(Ext),
    Base = last_component(F),
    Stripped = case lists:suffix("/", F) of
                   true -> Base;
                   false -> strip_suffix(Base, E)
               end,
    out([Name], Stripped).

last_component(F) ->
    case [P || P <- string:split(F, "/", all), P =/= []] of
        [] -> [];
        Parts -> lists:last(Parts)
    end.

strip_suffix(S, Suffix) ->
    case Suffix =/= [] andalso lists:suffix(Suffix, S) of
        true -> lists:sublist(S, length(S) - length(Suffix));
        false -> S
    end.

%% Everything before the last component, "." if there is none.
dirname(Name) ->
    F = str(Name),
    Dir = case string:split(F, "/", trailing) of
              [_] -> ".";
              [D, _] ->
                  case string:trim(D, trailing, "/") of
                      [] -> "/";
                      T -> T
                  end
          end,
    out([Name], Dir).

%% From the last "." of the last component, not counting a leading one; [] if none.
extension(Name) ->
    Base = last_component(str(Name)),
    Body = case Base of
               [$. | T] -> T;
               _ -> Base
           end,
    Ext = case string:split(Body, ".", trailing) of
              [_] -> [];
              [_, E] -> [$. | E]
          end,
    out([Name], Ext).

%% Name without its extension, scanned as OTP does: a "." starts a candidate extension that a
%% later "/" or "." gives back to the root; a "." just after a "/" belongs to the root.
rootname(Name) -> out([Name], rootname(str(Name), [], [])).

rootname([$/ | T], Root, Ext) -> rootname(T, [$/ | Ext ++ Root], []);
rootname([$. | T], [$/ | _] = Root, []) -> rootname(T, [$. | Root], []);
rootname([$. | T], Root, []) -> rootname(T, Root, ".");
rootname([$. | T], Root, Ext) -> rootname(T, Ext ++ Root, ".");
rootname([C | T], Root, []) -> rootname(T, [C | Root], []);
rootname([C | T], Root, Ext) -> rootname(T, Root, [C | Ext]);
rootname([], Root, _Ext) -> lists:reverse(Root).

%% Name without the suffix Ext, if it ends with it.
rootname(Name, Ext) -> out([Name], strip_suffix(str(Name), str(Ext))).

absname(Name) ->
    {ok, Cwd} = file:get_cwd(),
    absname(Name, Cwd).

absname(Name, Dir) ->
    F = str(Name),
    Abs = case pathtype(F) of
              absolute -> normalize(F);
              relative -> normalize(str(Dir) ++ "/" ++ F)
          end,
    out([Name], Abs).

pathtype(Name) ->
    case str(Name) of
        [$/ | _] -> absolute;
        _ -> relative
    end.

nativename(Name) -> join([Name]).

%% A deep list of characters and atoms as a flat string; a binary stays a binary.
flatten(B) when is_binary(B) -> B;
flatten(A) when is_atom(A) -> atom_to_list(A);
flatten(L) when is_list(L) -> flatten(L, [], []).

flatten([H | T], Rest, Acc) when is_list(H) -> flatten(H, [T | Rest], Acc);
flatten([H | T], Rest, Acc) when is_atom(H) -> flatten(T, Rest, lists:reverse(atom_to_list(H), Acc));
flatten([H | T], Rest, Acc) when is_binary(H) ->
    flatten(T, Rest, lists:reverse(unicode:characters_to_list(H), Acc));
flatten([H | T], Rest, Acc) -> flatten(T, Rest, [H | Acc]);
flatten([], [T | Rest], Acc) -> flatten(T, Rest, Acc);
flatten([], [], Acc) -> lists:reverse(Acc).

%% A name as a flat string to work on.
str(B) when is_binary(B) -> unicode:characters_to_list(B);
str(Name) -> flatten(Name).

%% Result as a binary if any argument was one (inside the functions a binary is worked on as a
%% string).
out(Args, Result) ->
    case lists:any(fun erlang:is_binary/1, Args) of
        true -> unicode:characters_to_binary(Result);
        false -> Result
    end.
