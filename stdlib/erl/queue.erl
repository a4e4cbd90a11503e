%% queue: FIFO queues with OTP 25's representation {Rear, Front}, where the
%% queue's items are Front ++ reverse(Rear). The same balancing rules are
%% used, so queues print exactly as in OTP. Bad queues raise badarg, empty
%% ones raise `empty` where OTP does.
-module(queue).

-export([new/0, is_queue/1, is_empty/1, len/1, to_list/1, from_list/1,
         member/2, in/2, in_r/2, out/1, out_r/1, get/1, get_r/1, peek/1,
         peek_r/1, drop/1, drop_r/1, reverse/1, join/2, split/2, filter/2,
         filtermap/2, fold/3, any/2, all/2, delete/2, delete_r/2,
         delete_with/2, delete_with_r/2, cons/2, head/1, tail/1, snoc/2,
         last/1, daeh/1, init/1, liat/1, lait/1]).

new() -> {[], []}.

is_queue({R, F}) when is_list(R), is_list(F) -> true;
is_queue(_) -> false.

is_empty({[], []}) -> true;
is_empty({R, F}) when is_list(R), is_list(F) -> false;
is_empty(Q) -> erlang:error(badarg, [Q]).

len({R, F}) when is_list(R), is_list(F) -> length(R) + length(F);
len(Q) -> erlang:error(badarg, [Q]).

to_list({R, F}) when is_list(R), is_list(F) -> F ++ lists:reverse(R, []);
to_list(Q) -> erlang:error(badarg, [Q]).

from_list(L) when is_list(L) -> front_to_rear(L);
from_list(L) -> erlang:error(badarg, [L]).

member(X, {R, F}) when is_list(R), is_list(F) ->
    lists:member(X, R) orelse lists:member(X, F);
member(X, Q) -> erlang:error(badarg, [X, Q]).

%% Insert at the rear.
in(X, {[_] = R, []}) -> {[X], R};
in(X, {R, F}) when is_list(R), is_list(F) -> {[X | R], F};
in(X, Q) -> erlang:error(badarg, [X, Q]).

%% Insert at the front.
in_r(X, {[], [_] = F}) -> {F, [X]};
in_r(X, {R, F}) when is_list(R), is_list(F) -> {R, [X | F]};
in_r(X, Q) -> erlang:error(badarg, [X, Q]).

out({[], []} = Q) -> {empty, Q};
out({[V], []}) -> {{value, V}, {[], []}};
out({[Y | R], []}) ->
    [V | F] = lists:reverse(R, []),
    {{value, V}, {[Y], F}};
out({R, [V]}) when is_list(R) -> {{value, V}, rear_to_front(R)};
out({R, [V | F]}) when is_list(R) -> {{value, V}, {R, F}};
out(Q) -> erlang:error(badarg, [Q]).

out_r({[], []} = Q) -> {empty, Q};
out_r({[], [V]}) -> {{value, V}, {[], []}};
out_r({[], [Y | F]}) ->
    [V | R] = lists:reverse(F, []),
    {{value, V}, {R, [Y]}};
out_r({[V], F}) when is_list(F) -> {{value, V}, front_to_rear(F)};
out_r({[V | R], F}) when is_list(F) -> {{value, V}, {R, F}};
out_r(Q) -> erlang:error(badarg, [Q]).

get({[], []} = Q) -> erlang:error(empty, [Q]);
get({R, F}) when is_list(R), is_list(F) -> first(R, F);
get(Q) -> erlang:error(badarg, [Q]).

first(R, [H | _]) when is_list(R) -> H;
first([H], []) -> H;
first([_ | R], []) -> lists:last(R).

get_r({[], []} = Q) -> erlang:error(empty, [Q]);
get_r({[H | _], F}) when is_list(F) -> H;
get_r({[], [H]}) -> H;
get_r({[], [_ | F]}) -> lists:last(F);
get_r(Q) -> erlang:error(badarg, [Q]).

peek({[], []}) -> empty;
peek({R, [H | _]}) when is_list(R) -> {value, H};
peek({[H], []}) -> {value, H};
peek({[_ | R], []}) -> {value, lists:last(R)};
peek(Q) -> erlang:error(badarg, [Q]).

peek_r({[], []}) -> empty;
peek_r({[H | _], F}) when is_list(F) -> {value, H};
peek_r({[], [H]}) -> {value, H};
peek_r({[], [_ | F]}) -> {value, lists:last(F)};
peek_r(Q) -> erlang:error(badarg, [Q]).

drop({[], []} = Q) -> erlang:error(empty, [Q]);
drop({[_], []}) -> {[], []};
drop({[Y | R], []}) ->
    [_ | F] = lists:reverse(R, []),
    {[Y], F};
drop({R, [_]}) when is_list(R) -> rear_to_front(R);
drop({R, [_ | F]}) when is_list(R) -> {R, F};
drop(Q) -> erlang:error(badarg, [Q]).

drop_r({[], []} = Q) -> erlang:error(empty, [Q]);
drop_r({[], [_]}) -> {[], []};
drop_r({[], [Y | F]}) ->
    [_ | R] = lists:reverse(F, []),
    {R, [Y]};
drop_r({[_], F}) when is_list(F) -> front_to_rear(F);
drop_r({[_ | R], F}) when is_list(F) -> {R, F};
drop_r(Q) -> erlang:error(badarg, [Q]).

reverse({R, F}) when is_list(R), is_list(F) -> {F, R};
reverse(Q) -> erlang:error(badarg, [Q]).

join({R, F} = Q, {[], []}) when is_list(R), is_list(F) -> Q;
join({[], []}, {R, F} = Q) when is_list(R), is_list(F) -> Q;
join({R1, F1}, {R2, F2}) when is_list(R1), is_list(F1), is_list(R2), is_list(F2) ->
    {R2, F1 ++ lists:reverse(R1, F2)};
join(Q1, Q2) -> erlang:error(badarg, [Q1, Q2]).

split(0, {R, F} = Q) when is_list(R), is_list(F) -> {{[], []}, Q};
split(N, {R, F} = Q) when is_integer(N), N >= 1, is_list(R), is_list(F) ->
    LenF = length(F),
    if
        N < LenF ->
            [X | F1] = F,
            move_front(N - 1, R, F1, [], [X]);
        N > LenF ->
            M = length(R) - (N - LenF),
            if
                M < 0 -> erlang:error(badarg, [N, Q]);
                M > 0 ->
                    [X | R1] = R,
                    move_rear(M - 1, R1, F, [X], []);
                true -> {Q, {[], []}}
            end;
        true -> {front_to_rear(F), rear_to_front(R)}
    end;
split(N, Q) -> erlang:error(badarg, [N, Q]).

move_front(0, R1, F1, R2, F2) -> {{R2, F2}, {R1, F1}};
move_front(N, R1, [X | F1], R2, F2) -> move_front(N - 1, R1, F1, [X | R2], F2).

move_rear(0, R1, F1, R2, F2) -> {{R1, F1}, {R2, F2}};
move_rear(N, [X | R1], F1, R2, F2) -> move_rear(N - 1, R1, F1, R2, [X | F2]).

%% filter: Fun may return true, false or a list of replacement items.
filter(Fun, {R0, F0}) when is_function(Fun, 1), is_list(R0), is_list(F0) ->
    %% As OTP: the front is filtered first (the order Fun is called in).
    F = filter_front(Fun, F0),
    R = filter_rear(Fun, R0),
    rebalance(R, F);
filter(Fun, Q) -> erlang:error(badarg, [Fun, Q]).

filter_front(_Fun, []) -> [];
filter_front(Fun, [X | F]) ->
    case Fun(X) of
        true -> [X | filter_front(Fun, F)];
        [Y] -> [Y | filter_front(Fun, F)];
        false -> filter_front(Fun, F);
        [] -> filter_front(Fun, F);
        L when is_list(L) -> L ++ filter_front(Fun, F)
    end.

filter_rear(_Fun, []) -> [];
filter_rear(Fun, [X | R0]) ->
    R = filter_rear(Fun, R0),
    case Fun(X) of
        true -> [X | R];
        [Y] -> [Y | R];
        false -> R;
        [] -> R;
        L when is_list(L) -> lists:reverse(L, R)
    end.

filtermap(Fun, {R0, F0}) when is_function(Fun, 1), is_list(R0), is_list(F0) ->
    F = lists:filtermap(Fun, F0),
    R = filtermap_rear(Fun, R0),
    rebalance(R, F);
filtermap(Fun, Q) -> erlang:error(badarg, [Fun, Q]).

filtermap_rear(_Fun, []) -> [];
filtermap_rear(Fun, [X | R0]) ->
    R = filtermap_rear(Fun, R0),
    case Fun(X) of
        true -> [X | R];
        {true, Y} -> [Y | R];
        false -> R
    end.

rebalance([], F) -> front_to_rear(F);
rebalance(R, []) -> rear_to_front(R);
rebalance(R, F) -> {R, F}.

fold(Fun, Acc0, {R, F}) when is_function(Fun, 2), is_list(R), is_list(F) ->
    lists:foldr(Fun, lists:foldl(Fun, Acc0, F), R);
fold(Fun, Acc0, Q) -> erlang:error(badarg, [Fun, Acc0, Q]).

any(Pred, {R, F}) when is_function(Pred, 1), is_list(R), is_list(F) ->
    lists:any(Pred, F) orelse lists:any(Pred, R);
any(Pred, Q) -> erlang:error(badarg, [Pred, Q]).

all(Pred, {R, F}) when is_function(Pred, 1), is_list(R), is_list(F) ->
    lists:all(Pred, F) andalso lists:all(Pred, R);
all(Pred, Q) -> erlang:error(badarg, [Pred, Q]).

delete(Item, {R, F} = Q) when is_list(R), is_list(F) ->
    delete_with_1(fun(X) -> X =:= Item end, Q);
delete(Item, Q) -> erlang:error(badarg, [Item, Q]).

delete_r(Item, {R, F}) when is_list(R), is_list(F) ->
    {F1, R1} = delete(Item, {F, R}),
    {R1, F1};
delete_r(Item, Q) -> erlang:error(badarg, [Item, Q]).

delete_with(Pred, {R, F} = Q) when is_function(Pred, 1), is_list(R), is_list(F) ->
    delete_with_1(Pred, Q);
delete_with(Pred, Q) -> erlang:error(badarg, [Pred, Q]).

delete_with_r(Pred, {R, F}) when is_function(Pred, 1), is_list(R), is_list(F) ->
    {F1, R1} = delete_with(Pred, {F, R}),
    {R1, F1};
delete_with_r(Pred, Q) -> erlang:error(badarg, [Pred, Q]).

%% Remove the first item (front to back) for which Pred holds.
delete_with_1(Pred, {R0, F0} = Q) ->
    case del_front(Pred, F0) of
        false ->
            case del_rear(Pred, R0) of
                false -> Q;
                [] -> front_to_rear(F0);
                R1 -> {R1, F0}
            end;
        [] -> rear_to_front(R0);
        F1 -> {R0, F1}
    end.

del_front(Pred, [X | Rest]) ->
    case Pred(X) of
        true -> Rest;
        false ->
            case del_front(Pred, Rest) of
                false -> false;
                F -> [X | F]
            end
    end;
del_front(_Pred, []) -> false.

%% The rear list is reversed, so its first match is its last element.
del_rear(Pred, [X | Rest]) ->
    case del_rear(Pred, Rest) of
        false ->
            case Pred(X) of
                true -> Rest;
                false -> false
            end;
        R -> [X | R]
    end;
del_rear(_Pred, []) -> false.

%% Okasaki API
cons(X, Q) -> in_r(X, Q).

head({[], []} = Q) -> erlang:error(empty, [Q]);
head({R, F}) when is_list(R), is_list(F) -> first(R, F);
head(Q) -> erlang:error(badarg, [Q]).

tail(Q) -> drop(Q).
snoc(Q, X) -> in(X, Q).
daeh(Q) -> get_r(Q).
last(Q) -> get_r(Q).
liat(Q) -> drop_r(Q).
lait(Q) -> drop_r(Q).
init(Q) -> drop_r(Q).

%% Move half of the rear list to the front (when the front ran out) and
%% the reverse.
rear_to_front([]) -> {[], []};
rear_to_front([_] = R) -> {[], R};
rear_to_front([Y, X]) -> {[Y], [X]};
rear_to_front(List) ->
    {R, F} = lists:split(length(List) div 2, List),
    {R, lists:reverse(F, [])}.

front_to_rear([]) -> {[], []};
front_to_rear([_] = F) -> {F, []};
front_to_rear([X, Y]) -> {[Y], [X]};
front_to_rear(List) ->
    {F, R} = lists:split(length(List) div 2, List),
    {lists:reverse(R, []), F}.
