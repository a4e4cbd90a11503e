%% proplists: property lists as in OTP 25. An atom A in a list stands for
%% {A, true}; any other tuple is keyed by its first element.
-module(proplists).

-export([property/1, property/2, unfold/1, compact/1, lookup/2, lookup_all/2,
         is_defined/2, get_value/2, get_value/3, get_all_values/2,
         append_values/2, get_bool/2, get_keys/1, delete/2,
         substitute_aliases/2, substitute_negations/2, expand/2,
         normalize/2, split/2, to_map/1, to_map/2, from_map/1]).

%% keyed(P, Key): P is an entry for Key?  atom -> atom; tuple -> tuple;
%% anything else -> other.
kind(P, Key) when is_atom(P), P =:= Key -> atom;
kind(P, Key) when tuple_size(P) >= 1, element(1, P) =:= Key -> tuple;
kind(_, _) -> other.

property({Key, true}) when is_atom(Key) -> Key;
property(P) -> P.

property(Key, true) when is_atom(Key) -> Key;
property(Key, Value) -> {Key, Value}.

unfold([P | Ps]) when is_atom(P) -> [{P, true} | unfold(Ps)];
unfold([P | Ps]) -> [P | unfold(Ps)];
unfold([]) -> [].

compact(List) -> [property(P) || P <- List].

lookup(Key, [P | Ps]) ->
    case kind(P, Key) of
        atom -> {Key, true};
        tuple -> P;
        other -> lookup(Key, Ps)
    end;
lookup(_Key, []) -> none.

lookup_all(Key, [P | Ps]) ->
    case kind(P, Key) of
        atom -> [{Key, true} | lookup_all(Key, Ps)];
        tuple -> [P | lookup_all(Key, Ps)];
        other -> lookup_all(Key, Ps)
    end;
lookup_all(_Key, []) -> [].

is_defined(Key, [P | Ps]) ->
    kind(P, Key) =/= other orelse is_defined(Key, Ps);
is_defined(_Key, []) -> false.

get_value(Key, List) -> get_value(Key, List, undefined).

get_value(Key, [P | Ps], Default) ->
    case kind(P, Key) of
        atom -> true;
        tuple ->
            case P of
                {_, Value} -> Value;
                _ -> Default
            end;
        other -> get_value(Key, Ps, Default)
    end;
get_value(_Key, [], Default) -> Default.

get_all_values(Key, [P | Ps]) ->
    case kind(P, Key) of
        atom -> [true | get_all_values(Key, Ps)];
        tuple ->
            case P of
                {_, Value} -> [Value | get_all_values(Key, Ps)];
                _ -> get_all_values(Key, Ps)
            end;
        other -> get_all_values(Key, Ps)
    end;
get_all_values(_Key, []) -> [].

append_values(Key, [P | Ps]) ->
    case kind(P, Key) of
        atom -> [true | append_values(Key, Ps)];
        tuple ->
            case P of
                {_, Value} when is_list(Value) -> Value ++ append_values(Key, Ps);
                {_, Value} -> [Value | append_values(Key, Ps)];
                _ -> append_values(Key, Ps)
            end;
        other -> append_values(Key, Ps)
    end;
append_values(_Key, []) -> [].

get_bool(Key, [P | Ps]) ->
    case kind(P, Key) of
        atom -> true;
        tuple ->
            case P of
                {_, true} -> true;
                _ -> false
            end;
        other -> get_bool(Key, Ps)
    end;
get_bool(_Key, []) -> false.

%% Unique keys, in the order OTP's (version 1) sets module lists them.
get_keys(Ps) -> sets:to_list(get_keys(Ps, sets:new())).

%% As OTP: a non-list (or improper tail) is a function_clause.
get_keys([P | Ps], Keys) ->
    if is_atom(P) -> get_keys(Ps, sets:add_element(P, Keys));
       tuple_size(P) >= 1 -> get_keys(Ps, sets:add_element(element(1, P), Keys));
       true -> get_keys(Ps, Keys)
    end;
get_keys([], Keys) -> Keys.

delete(Key, [P | Ps]) ->
    case kind(P, Key) of
        other -> [P | delete(Key, Ps)];
        _ -> delete(Key, Ps)
    end;
delete(_Key, []) -> [].

substitute_aliases(As, Props) -> [alias(As, P) || P <- Props].

alias([{Key, Key1} | As], P) ->
    case kind(P, Key) of
        atom -> property(Key1, true);
        tuple -> property(setelement(1, P, Key1));
        other -> alias(As, P)
    end;
alias([], P) -> P.

substitute_negations(As, Props) -> [negate(As, P) || P <- Props].

negate([{Key, Key1} | As], P) ->
    case kind(P, Key) of
        atom -> property(Key1, false);
        tuple ->
            case P of
                {_, true} -> property(Key1, false);
                {_, false} -> property(Key1, true);
                _ -> property(Key1, true)
            end;
        other -> negate(As, P)
    end;
negate([], P) -> P.

expand(Es, Ps) when is_list(Ps) ->
    Es1 = [{property(P), V} || {P, V} <- Es],
    flatten_once(lists:foldl(fun({P, L}, Acc) -> expand_one(P, L, Acc) end,
                             Ps, key_uniq(Es1))).

expand_one(P, L, Ps) when is_atom(P) -> expand_key(P, P, L, Ps);
expand_one(P, L, Ps) when tuple_size(P) >= 1 -> expand_key(element(1, P), P, L, Ps);
expand_one(_P, _L, Ps) -> Ps.

expand_key(Key, P1, L, [P | Ps]) ->
    case kind(P, Key) of
        atom -> expand_hit(Key, P1, P, L, Ps);
        tuple -> expand_hit(Key, P1, property(P), L, Ps);
        other -> [P | expand_key(Key, P1, L, Ps)]
    end;
expand_key(_, _, _, []) -> [].

expand_hit(Key, P1, P, L, Ps) when P1 =:= P -> [L | delete(Key, Ps)];
expand_hit(_Key, _P1, P, _L, Ps) -> [P | Ps].

key_uniq([{K, V} | Ps]) -> [{K, V} | key_uniq_1(K, Ps)];
key_uniq([]) -> [].

key_uniq_1(K, [{K1, V} | Ps]) when K =:= K1 -> key_uniq_1(K, Ps);
key_uniq_1(_K, [{K1, V} | Ps]) -> [{K1, V} | key_uniq_1(K1, Ps)];
key_uniq_1(_, []) -> [].

flatten_once([E | Es]) when is_list(E) -> E ++ flatten_once(Es);
flatten_once([E | Es]) -> [E | flatten_once(Es)];
flatten_once([]) -> [].

normalize(L, Stages) -> compact(apply_stages(L, Stages)).

apply_stages(L, [{aliases, As} | Xs]) -> apply_stages(substitute_aliases(As, L), Xs);
apply_stages(L, [{expand, Es} | Xs]) -> apply_stages(expand(Es, L), Xs);
apply_stages(L, [{negations, Ns} | Xs]) -> apply_stages(substitute_negations(Ns, L), Xs);
apply_stages(L, []) -> L.

split(List, Keys) ->
    {Store, Rest} = split_1(List, maps:from_list([{K, []} || K <- Keys]), []),
    {[lists:reverse(maps:get(K, Store), []) || K <- Keys], lists:reverse(Rest, [])}.

split_1([P | Ps], Store, Rest) ->
    Key = if
              is_atom(P) -> {ok, P};
              tuple_size(P) >= 1 -> {ok, element(1, P)};
              true -> none
          end,
    case Key of
        {ok, K} ->
            case maps:find(K, Store) of
                {ok, Vs} -> split_1(Ps, maps:put(K, [P | Vs], Store), Rest);
                error -> split_1(Ps, Store, [P | Rest])
            end;
        none -> split_1(Ps, Store, [P | Rest])
    end;
split_1([], Store, Rest) -> {Store, Rest}.

to_map(List) ->
    lists:foldr(fun({K, V}, M) -> maps:put(K, V, M);
                   (T, M) when tuple_size(T) >= 1 -> maps:remove(element(1, T), M);
                   (K, M) when is_atom(K) -> maps:put(K, true, M);
                   (_, M) -> M
                end, #{}, List).

to_map(List, Stages) -> to_map(apply_stages(List, Stages)).

from_map(Map) -> maps:to_list(Map).
