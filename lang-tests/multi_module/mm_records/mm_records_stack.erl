-module(mm_records_stack).
-export([new/0, push/2, pop/1, size/1]).

-record(stack, {items = [], count = 0}).

new() -> #stack{}.

push(X, #stack{items = I, count = C} = S) -> S#stack{items = [X | I], count = C + 1}.

pop(#stack{items = [H | T], count = C} = S) -> {H, S#stack{items = T, count = C - 1}};
pop(#stack{items = []}) -> erlang:error(empty_stack).

size(#stack{count = C}) -> C.
