-module(pterm_atomics).
-export([main/0]).

%% persistent_term, atomics and counters.

p(Label, X) -> io:format("~s: ~p~n", [Label, X]).

catch_reason(F) ->
    try F() of
        V -> {ok, V}
    catch
        C:R:St ->
            [{M, Fn, Args, Info} | _] = St,
            {C, R, {M, Fn, length(Args)}, Info}
    end.

main() ->
    pterm(),
    atomics(),
    counters(),
    ok.

pterm() ->
    io:format("== persistent_term~n"),
    Count0 = maps:get(count, persistent_term:info()),
    p("put", persistent_term:put({my, key}, #{big => lists:seq(1, 20), bin => binary:copy(<<"x">>, 100)})),
    p("get", maps:get(big, persistent_term:get({my, key}))),
    p("bin size", byte_size(maps:get(bin, persistent_term:get({my, key})))),
    p("get default", persistent_term:get(missing, default)),
    p("get missing", catch_reason(fun() -> persistent_term:get(missing) end)),
    p("count grew", maps:get(count, persistent_term:info()) - Count0),
    p("overwrite", persistent_term:put({my, key}, 2)),
    p("get new", persistent_term:get({my, key})),
    p("in get/0", lists:member({{my, key}, 2}, persistent_term:get())),
    Me = self(),
    spawn(fun() -> Me ! {seen, persistent_term:get({my, key})} end),
    receive {seen, V} -> p("other process", V) end,
    p("kept across gc", begin
                             L = persistent_term:get({my, key}),
                             erlang:garbage_collect(),
                             L
                         end),
    persistent_term:put(list, [a, {b, "c"}, 3.5]),
    Big = persistent_term:get(list),
    erlang:garbage_collect(),
    p("literal survives gc", Big),
    p("erase", persistent_term:erase({my, key})),
    p("erase again", persistent_term:erase({my, key})),
    p("count back", maps:get(count, persistent_term:info()) - Count0),
    p("1 and 1.0 differ", begin
                              persistent_term:put(1, int),
                              persistent_term:put(1.0, float),
                              {persistent_term:get(1), persistent_term:get(1.0)}
                          end).

atomics() ->
    io:format("== atomics~n"),
    A = atomics:new(3, []),
    p("is ref", is_reference(A)),
    p("get", atomics:get(A, 1)),
    p("put", atomics:put(A, 1, 10)),
    p("add", atomics:add(A, 1, 5)),
    p("add_get", atomics:add_get(A, 1, -20)),
    p("sub", atomics:sub(A, 2, 3)),
    p("sub_get", atomics:sub_get(A, 2, 3)),
    p("exchange", atomics:exchange(A, 3, 99)),
    p("compare_exchange ok", atomics:compare_exchange(A, 3, 99, 100)),
    p("compare_exchange fail", atomics:compare_exchange(A, 3, 99, 1)),
    p("values", [atomics:get(A, I) || I <- [1, 2, 3]]),
    p("wrap", begin atomics:put(A, 1, 9223372036854775807), atomics:add_get(A, 1, 1) end),
    p("info", maps:without([memory], atomics:info(A))),
    U = atomics:new(2, [{signed, false}]),
    p("unsigned info", maps:without([memory], atomics:info(U))),
    p("unsigned sub wraps", atomics:sub_get(U, 1, 1)),
    p("unsigned put negative", catch_reason(fun() -> atomics:put(U, 1, -1) end)),
    p("index 0", catch_reason(fun() -> atomics:get(A, 0) end)),
    p("index too big", catch_reason(fun() -> atomics:get(A, 4) end)),
    p("too big value", catch_reason(fun() -> atomics:put(A, 1, 1 bsl 64) end)),
    p("new 0", catch_reason(fun() -> atomics:new(0, []) end)),
    p("bad option", catch_reason(fun() -> atomics:new(1, [bogus]) end)),
    Me = self(),
    Pids = [spawn(fun() -> [atomics:add(A, 2, 1) || _ <- lists:seq(1, 1000)], Me ! done end)
            || _ <- lists:seq(1, 4)],
    [receive done -> ok end || _ <- Pids],
    p("4 x 1000 adds", atomics:get(A, 2)).

counters() ->
    io:format("== counters~n"),
    C = counters:new(2, []),
    p("shape", element(1, C)),
    W = counters:new(1, [write_concurrency]),
    p("wc shape", element(1, W)),
    p("add", counters:add(C, 1, 7)),
    p("sub", counters:sub(C, 1, 2)),
    p("get", counters:get(C, 1)),
    p("put", counters:put(C, 2, -5)),
    p("get 2", counters:get(C, 2)),
    p("info", maps:without([memory], counters:info(C))),
    p("wc", begin counters:add(W, 1, 3), counters:get(W, 1) end),
    p("bad index", catch_reason(fun() -> counters:add(C, 3, 1) end)),
    p("bad incr", catch_reason(fun() -> counters:add(C, 1, a) end)),
    p("bad ref", catch_reason(fun() -> counters:get(x, 1) end)),
    Me = self(),
    [spawn(fun() -> [counters:add(C, 1, 1) || _ <- lists:seq(1, 500)], Me ! done end)
     || _ <- lists:seq(1, 4)],
    [receive done -> ok end || _ <- lists:seq(1, 4)],
    p("4 x 500 adds", counters:get(C, 1)).
